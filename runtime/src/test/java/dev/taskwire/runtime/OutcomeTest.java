package dev.taskwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.internal.GraphTable;
import dev.taskwire.runtime.internal.PipelineRun;
import dev.taskwire.runtime.internal.TestPipeline;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OutcomeTest {
  private static final IOException TRAINING_FAILED = new IOException("training crashed");

  private static TestPipeline fallingBack(boolean trainingFails) {
    return new TestPipeline()
        .value(
            "train",
            r -> {
              if (trainingFails) {
                throw TRAINING_FAILED;
              }
              return "fresh model";
            })
        .value("model", r -> r.<String>outcome(0).orElseGet(failure -> "cached model"), "train")
        .acceptingFailureOf("train")
        .value("predict", r -> "predictions with " + r.<String>value(1), "model");
  }

  @RepeatedTest(5)
  void aFailureEveryDependentHandlesDoesNotFailTheRun() {
    List<String> failed = new CopyOnWriteArrayList<>();
    PipelineRun run =
        fallingBack(true)
            .run(
                RunOptions.defaults()
                    .listener(
                        new TaskListener() {
                          @Override
                          public void taskFailed(TaskEvent event) {
                            failed.add(event.task());
                          }
                        }));
    assertEquals("predictions with cached model", run.value(2));
    assertEquals(List.of("train"), failed);
    IllegalStateException noResult = assertThrows(IllegalStateException.class, () -> run.value(0));
    assertTrue(noResult.getMessage().contains("training crashed"), noResult.getMessage());
  }

  @Test
  void aSuccessIsPassedAsASuccessfulOutcome() {
    assertEquals("predictions with fresh model", fallingBack(false).run().value(2));
    Outcome<String> success = Outcome.success("x");
    assertTrue(success.isSuccess());
    assertEquals("x", success.value());
    Outcome<String> failure = Outcome.failure(TRAINING_FAILED);
    assertFalse(failure.isSuccess());
    assertSame(TRAINING_FAILED, failure.failure());
    assertSame(
        TRAINING_FAILED, assertThrows(IllegalStateException.class, failure::value).getCause());
    assertEquals("y", failure.orElse("y"));
  }

  @Test
  void aFailureThatAnotherDependentCannotTakeStillFailsTheRun() {
    AtomicBoolean strictRan = new AtomicBoolean();
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "train",
                r -> {
                  throw TRAINING_FAILED;
                })
            .value("tolerant", r -> r.<String>outcome(0).isSuccess(), "train")
            .acceptingFailureOf("train")
            .value("strict", r -> strictRan.getAndSet(true), "train");
    PipelineException failFast = assertThrows(PipelineException.class, pipeline::run);
    assertEquals("train", failFast.failedTask());

    PipelineException keptGoing =
        assertThrows(
            PipelineException.class,
            () -> pipeline.run(RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING)));
    PipelineRun run = PipelineRun.of(keptGoing, pipeline.graph());
    assertEquals(false, run.value(1));
    assertFalse(strictRan.get());
  }

  @Test
  void aTaskCanOnlyAcceptTheFailureOfATaskItDependsOn() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GraphTable.builder("p")
                    .task("a", TaskKind.VALUE)
                    .task("b", TaskKind.VALUE)
                    .acceptingFailureOf("a")
                    .build());
    assertEquals(
        "task 'b' accepts the failure of 'a', which it does not depend on", thrown.getMessage());
  }
}
