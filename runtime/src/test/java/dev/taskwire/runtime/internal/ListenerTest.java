package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ListenerTest {
  /** Records "task:event" strings in the order the events happened. */
  static final class Recorder implements TaskListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<RunEvent> runs = new CopyOnWriteArrayList<>();

    @Override
    public void runStarted(RunEvent event) {
      runs.add(event);
      events.add("run:started");
    }

    @Override
    public void runFinished(RunEvent event) {
      runs.add(event);
      events.add("run:finished");
    }

    @Override
    public void taskScheduled(TaskEvent event) {
      events.add(event.task() + ":scheduled");
    }

    @Override
    public void taskStarted(TaskEvent event) {
      events.add(event.task() + ":started");
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      events.add(event.task() + ":succeeded");
    }

    @Override
    public void taskFailed(TaskEvent event) {
      events.add(event.task() + ":failed");
    }

    @Override
    public void taskCancelled(TaskEvent event) {
      events.add(event.task() + ":cancelled");
    }

    @Override
    public void taskSkipped(TaskEvent event) {
      events.add(event.task() + ":skipped");
    }

    int indexOf(String event) {
      int index = events.indexOf(event);
      assertTrue(index >= 0, event + " missing from " + events);
      return index;
    }
  }

  @RepeatedTest(10)
  void eventsOfADiamondArriveInCausalOrder() {
    Recorder recorder = new Recorder();
    new TestPipeline()
        .value("top", r -> 1)
        .value("left", r -> 2, "top")
        .async("right", r -> java.util.concurrent.CompletableFuture.supplyAsync(() -> 3), "top")
        .value("bottom", r -> 4, "left", "right")
        .run(RunOptions.defaults().listener(recorder));
    assertEquals("run:started", recorder.events.get(0));
    assertEquals("run:finished", recorder.events.get(recorder.events.size() - 1));
    assertEquals(4 * 3 + 2, recorder.events.size());
    for (String task : List.of("top", "left", "right", "bottom")) {
      assertTrue(recorder.indexOf(task + ":scheduled") < recorder.indexOf(task + ":started"));
      assertTrue(recorder.indexOf(task + ":started") < recorder.indexOf(task + ":succeeded"));
    }
    assertTrue(recorder.indexOf("left:succeeded") < recorder.indexOf("bottom:scheduled"));
    assertTrue(recorder.indexOf("right:succeeded") < recorder.indexOf("bottom:scheduled"));
    assertNull(recorder.runs.get(1).failure());
    assertTrue(recorder.runs.get(1).nanoTime() >= recorder.runs.get(0).nanoTime());
  }

  @Test
  void aFailureIsReportedWithItsErrorAndDependentsAreSkipped() {
    Recorder recorder = new Recorder();
    IOException failure = new IOException("nope");
    List<TaskEvent> failed = new CopyOnWriteArrayList<>();
    RunOptions options =
        RunOptions.defaults()
            .listener(recorder)
            .listener(
                new TaskListener() {
                  @Override
                  public void taskFailed(TaskEvent event) {
                    failed.add(event);
                  }
                });
    assertThrows(
        PipelineException.class,
        () ->
            new TestPipeline()
                .value(
                    "load",
                    r -> {
                      throw failure;
                    })
                .value("use", r -> 1, "load")
                .run(options));
    assertEquals(
        List.of(
            "run:started",
            "load:scheduled",
            "load:started",
            "load:failed",
            "use:skipped",
            "run:finished"),
        recorder.events);
    assertSame(failure, failed.get(0).error());
    assertEquals("load", failed.get(0).task());
    assertEquals(1, failed.get(0).attempt());
    PipelineException reported = (PipelineException) recorder.runs.get(1).failure();
    assertEquals("load", reported.failedTask());
  }

  @Test
  void aThrowingListenerNeitherBreaksTheRunNorSilencesOthers() {
    Recorder recorder = new Recorder();
    TaskListener broken =
        new TaskListener() {
          @Override
          public void taskStarted(TaskEvent event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void runFinished(RunEvent event) {
            throw new OutOfMemoryError("pretend");
          }
        };
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> 1)
            .value("b", r -> r.<Integer>value(0) + 1, "a")
            .run(RunOptions.defaults().listener(broken).listener(recorder));
    assertEquals(2, run.<Integer>value(1));
    assertEquals(8, recorder.events.size(), recorder.events.toString());
  }

  @Test
  void cancelledTasksAreReported() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "wait",
                r -> {
                  started.countDown();
                  new CountDownLatch(1).await();
                  return 1;
                })
            .value("after", r -> 2, "wait")
            .start(RunOptions.defaults().listener(recorder));
    assertTrue(started.await(10, SECONDS));
    run.cancel();
    assertThrows(CancellationException.class, run::await);
    assertTrue(recorder.events.contains("wait:cancelled"), recorder.events.toString());
    assertTrue(recorder.events.contains("after:skipped"), recorder.events.toString());
    assertTrue(recorder.runs.get(1).failure() instanceof CancellationException);
  }
}
