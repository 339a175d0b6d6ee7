package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CompletableFuture and CompletionStage tasks feeding a sync task. */
class AsyncTasksTest {
  @Test
  void dependentRunsOnceEveryFutureHasCompleted() throws Exception {
    AsyncTasks pipeline = new AsyncTasks();
    AsyncTasksRunner.Execution execution = new AsyncTasksRunner(pipeline).start();

    pipeline.page.complete("home page");
    assertFalse(execution.summary().isDone(), "summary ran before countWords completed");
    pipeline.count.complete(2);

    assertEquals("home page has 2 words", execution.summary().get(5, TimeUnit.SECONDS));
    AsyncTasksRunner.Results results = execution.await();
    assertEquals("home page", results.fetch());
    assertEquals(2, results.countWords());
    assertEquals("home page has 2 words", results.summary());
  }

  @Test
  void asyncPipelineOfIndependentUploads() {
    PipelineRunner.Results results = new PipelineRunner(new Pipeline()).run();
    assertEquals(2.0, results.train());
    assertEquals(List.of(12.0, 22.0), results.predict());
  }
}
