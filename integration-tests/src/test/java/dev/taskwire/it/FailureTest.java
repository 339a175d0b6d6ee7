package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A task's checked exception reaches the caller unchanged, named after the task. */
class FailureTest {
  @Test
  void checkedExceptionOfASyncTaskFailsTheRun() {
    FailingTask pipeline = new FailingTask();
    PipelineException failure =
        assertThrows(PipelineException.class, new FailingTaskRunner(pipeline)::run);
    assertEquals("read", failure.failedTask());
    assertSame(pipeline.failure, failure.getCause());
    assertEquals(List.of("read"), List.copyOf(failure.failures().keySet()));
    assertFalse(pipeline.parseRan.get(), "parse ran after read failed");
    assertFalse(pipeline.reportRan.get(), "report ran after read failed");
  }

  @Test
  void futureOfTheFailedTaskCarriesItsExceptionAndLaterTasksNeverComplete() {
    FailingTask pipeline = new FailingTask();
    FailingTaskRunner.Execution execution = new FailingTaskRunner(pipeline).start();
    assertThrows(PipelineException.class, execution::await);

    ExecutionException read = assertThrows(ExecutionException.class, execution.read()::get);
    assertSame(pipeline.failure, read.getCause());
    CompletableFuture<String> parse = execution.parse();
    assertTrue(parse.isCompletedExceptionally());
    ExecutionException notRun = assertThrows(ExecutionException.class, parse::get);
    assertEquals("read", ((PipelineException) notRun.getCause()).failedTask());
  }

  @Test
  void checkedExceptionOfAnAsyncTaskIsUnwrapped() {
    FailingAsyncTask pipeline = new FailingAsyncTask();
    PipelineException failure =
        assertThrows(PipelineException.class, new FailingAsyncTaskRunner(pipeline)::run);
    assertEquals("download", failure.failedTask());
    assertSame(pipeline.failure, failure.getCause());
    assertFalse(pipeline.parseRan.get(), "parse ran after download failed");
  }
}
