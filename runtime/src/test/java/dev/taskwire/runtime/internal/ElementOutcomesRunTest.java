package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How each element ended, read from a run that failed: what a runner's xOutcomes() returns. */
@Timeout(30)
class ElementOutcomesRunTest {
  /**
   * Fail-fast stops a fan-out whose first element has succeeded and whose others are running: the
   * failed run still tells the element that succeeded from those it stopped.
   */
  @RepeatedTest(10)
  void aFanOutStoppedByAnotherTasksFailureKeepsItsFinishedElements() {
    CountDownLatch firstDone = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskSucceeded(TaskEvent event) {
            if (event.task().equals("train[0]")) {
              firstDone.countDown();
            }
          }
        };
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", run -> List.of(0, 1, 2))
            .forEach(
                "train",
                TaskKind.VALUE,
                "grid",
                0,
                (element, run) -> {
                  if ((Integer) element != 0) {
                    never.await(); // until the stop interrupts it
                  }
                  return "model " + element;
                },
                "grid")
            .value(
                "boom",
                run -> {
                  assertTrue(firstDone.await(10, SECONDS));
                  throw new IllegalStateException("boom");
                });
    PipelineException failure =
        assertThrows(
            PipelineException.class, () -> pipeline.run(RunOptions.defaults().listener(listener)));
    assertEquals("boom", failure.failedTask());

    List<Outcome<String>> outcomes = PipelineRun.of(failure, pipeline.graph()).elementOutcomes(1);
    assertEquals(3, outcomes.size());
    assertEquals("model 0", outcomes.get(0).value());
    for (Outcome<String> stopped : outcomes.subList(1, 3)) {
      assertInstanceOf(CancellationException.class, stopped.failure(), stopped.toString());
    }
  }

  @Test
  void aFanOutThatNeverStartedHasNoOutcomes() {
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "grid",
                run -> {
                  throw new IllegalStateException("no grid");
                })
            .forEach("train", TaskKind.VALUE, "grid", 0, (element, run) -> element, "grid");
    PipelineException failure = assertThrows(PipelineException.class, pipeline::run);
    IllegalStateException none =
        assertThrows(
            IllegalStateException.class,
            () -> PipelineRun.of(failure, pipeline.graph()).elementOutcomes(1));
    assertTrue(
        none.getMessage().startsWith("task 'train' of test.Pipeline has no elements that ran"),
        none.getMessage());
  }
}
