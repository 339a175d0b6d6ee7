package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeepGoingTest {
  private static final RunOptions KEEP_GOING =
      RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING);

  @RepeatedTest(10)
  void everyTaskThatDoesNotDependOnAFailureStillRuns() {
    IOException failure = new IOException("upload refused");
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "upload",
                r -> {
                  throw failure;
                })
            .value("other", r -> 2)
            .value("train", r -> 3, "upload")
            .value("report", r -> 4, "train")
            .value("useOther", r -> r.<Integer>value(1) * 10, "other");
    PipelineException thrown =
        assertThrows(PipelineException.class, () -> pipeline.run(KEEP_GOING));
    assertEquals("upload", thrown.failedTask());
    assertSame(failure, thrown.getCause());
    PipelineRun run = PipelineRun.of(thrown, pipeline.graph());
    assertEquals(2, run.<Integer>value(1));
    assertEquals(20, run.<Integer>value(4));
    IllegalStateException skipped = assertThrows(IllegalStateException.class, () -> run.value(3));
    assertTrue(
        skipped.getMessage().contains("did not run because task 'upload' failed"),
        skipped.getMessage());
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> run.value(0));
    assertTrue(failed.getMessage().contains("it failed with java.io.IOException"));
  }

  @Test
  void everyFailureIsCarriedInTheOrderTheyHappened() throws Exception {
    // A listener hears of a failure only once it is recorded, so "second" fails strictly after.
    CountDownLatch firstFailed = new CountDownLatch(1);
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskFailed(TaskEvent event) {
            if (event.task().equals("first")) {
              firstFailed.countDown();
            }
          }
        };
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "first",
                r -> {
                  throw new IllegalStateException("first");
                })
            .value(
                "second",
                r -> {
                  assertTrue(firstFailed.await(10, TimeUnit.SECONDS));
                  throw new IOException("second");
                })
            .value("fine", r -> 1);
    PipelineException thrown =
        assertThrows(PipelineException.class, () -> pipeline.run(KEEP_GOING.listener(listener)));
    assertEquals(List.of("first", "second"), List.copyOf(thrown.failures().keySet()));
    assertEquals(1, thrown.getSuppressed().length);
    assertEquals(1, PipelineRun.of(thrown, pipeline.graph()).<Integer>value(2));
  }

  @Test
  void aRunWithoutFailuresSucceedsAsUsual() {
    PipelineRun run = new TestPipeline().value("a", r -> 1).value("b", r -> 2, "a").run(KEEP_GOING);
    assertEquals(2, run.<Integer>value(1));
  }

  @Test
  void partialResultsCheckTheGraph() {
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "a",
                r -> {
                  throw new IOException("x");
                });
    PipelineException thrown = assertThrows(PipelineException.class, () -> pipeline.run());
    TaskGraph other = GraphTable.builder("other.Pipeline").task("a", TaskKind.VALUE).build();
    assertThrows(IllegalArgumentException.class, () -> PipelineRun.of(thrown, other));
    assertThrows(
        IllegalArgumentException.class,
        () -> PipelineRun.of(new PipelineException("p", java.util.Map.of("a", thrown)), other));
  }

  @Test
  void aTaskSkippedThroughALongChainNamesTheFailureAtItsStart() {
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "t0",
                r -> {
                  throw new IOException("root");
                });
    for (int i = 1; i < 5_000; i++) {
      pipeline.value("t" + i, r -> 1, "t" + (i - 1));
    }
    PipelineException thrown =
        assertThrows(PipelineException.class, () -> pipeline.run(KEEP_GOING));
    IllegalStateException skipped =
        assertThrows(
            IllegalStateException.class,
            () -> PipelineRun.of(thrown, pipeline.graph()).value(4_999));
    assertTrue(skipped.getMessage().contains("because task 't0' failed"), skipped.getMessage());
  }
}
