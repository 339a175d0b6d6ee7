package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's snapshot ({@code toString()}) says what each task of a stuck run is doing. */
@Timeout(30)
class RunSnapshotTest {
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch blockerStarted = new CountDownLatch(1);
  private final CountDownLatch elementStarted = new CountDownLatch(1);
  private final CountDownLatch retried = new CountDownLatch(1);
  private final CountDownLatch othersSucceeded = new CountDownLatch(3);
  private final AtomicReference<String> blockerThread = new AtomicReference<>();

  /**
   * blocker waits at the gate; after waits for it; never returns a future that never completes;
   * flaky fails once and backs off for an hour; each runs an element per item, the first of which
   * waits at the gate; done succeeds.
   */
  private TestPipeline stuckPipeline() {
    return new TestPipeline()
        .value(
            "blocker",
            run -> {
              blockerThread.set(Thread.currentThread().getName());
              blockerStarted.countDown();
              gate.await();
              return 1;
            })
        .value("after", run -> 2, "blocker")
        .async("never", run -> new CompletableFuture<>())
        .value(
            "flaky",
            run -> {
              throw new IOException("flaky");
            })
        .policy(TaskPolicy.none().retries(1).backoff(Duration.ofHours(1), Duration.ofHours(1)))
        .value("items", run -> List.of(0, 1, 2))
        .forEach(
            "each",
            TaskKind.VALUE,
            "items",
            0,
            (item, run) -> {
              if ((Integer) item == 0) {
                elementStarted.countDown();
                gate.await();
              }
              return item;
            },
            "items")
        .value("done", run -> 3);
  }

  private PipelineRun startStuck(RunOptions options) throws InterruptedException {
    PipelineRun run =
        stuckPipeline()
            .start(
                options.listener(
                    new TaskListener() {
                      @Override
                      public void taskRetried(TaskEvent event) {
                        retried.countDown();
                      }

                      @Override
                      public void taskSucceeded(TaskEvent event) {
                        if (List.of("done", "each[1]", "each[2]").contains(event.task())) {
                          othersSucceeded.countDown();
                        }
                      }
                    }));
    assertTrue(blockerStarted.await(10, SECONDS));
    assertTrue(elementStarted.await(10, SECONDS));
    assertTrue(retried.await(10, SECONDS));
    assertTrue(othersSucceeded.await(10, SECONDS));
    return run;
  }

  private static String lineOf(String snapshot, String task) {
    for (String line : snapshot.split(System.lineSeparator())) {
      if (line.trim().startsWith(task + " ")) {
        return line;
      }
    }
    throw new AssertionError("no line for " + task + " in\n" + snapshot);
  }

  @RepeatedTest(5)
  void aStuckRunSaysWhatEachTaskIsDoing() throws Exception {
    PipelineRun run = startStuck(RunOptions.defaults());
    try {
      // How long each has been running is a later test's.
      String snapshot = run.toString().replaceAll(" for \\d+\\.\\d{3} s", "");
      assertTrue(
          snapshot.startsWith("run of test.Pipeline: running, 2 of 7 tasks ended"), snapshot);
      assertTrue(
          lineOf(snapshot, "blocker")
              .matches(
                  "  blocker  running on thread '"
                      + blockerThread.get()
                      + "' \\([A-Z_]+ in dev\\.taskwire\\.runtime\\.internal\\.RunSnapshotTest"
                      + ".+\\)"),
          snapshot);
      assertEquals("  after    waiting for blocker", lineOf(snapshot, "after"), snapshot);
      assertEquals(
          "  never    waiting for the future it returned", lineOf(snapshot, "never"), snapshot);
      assertEquals("  flaky    backing off before attempt 2", lineOf(snapshot, "flaky"), snapshot);
      assertEquals("  items    succeeded", lineOf(snapshot, "items"), snapshot);
      assertEquals(
          "  each     running its elements: 2 of 3 ended, 1 under way",
          lineOf(snapshot, "each"),
          snapshot);
      assertTrue(
          lineOf(snapshot, "each[0]").startsWith("    each[0]  running on thread '"), snapshot);
      assertEquals("  done     succeeded", lineOf(snapshot, "done"), snapshot);
    } finally {
      gate.countDown();
      run.cancel();
    }
  }

  @Test
  void aTaskUnderWaySaysForHowLongWhenTheRunHasAListenerOfTaskStarts() throws Exception {
    PipelineRun run =
        startStuck(
            RunOptions.defaults()
                .listener(
                    new TaskListener() {
                      @Override
                      public void taskStarted(TaskEvent event) {}
                    }));
    try {
      String snapshot = run.toString();
      String duration = " for \\d+\\.\\d{3} s";
      assertTrue(
          lineOf(snapshot, "blocker")
              .matches("  blocker  running on thread '.+'" + duration + " .+"),
          snapshot);
      assertTrue(
          lineOf(snapshot, "never")
              .matches("  never    waiting for the future it returned" + duration),
          snapshot);
      assertTrue(
          lineOf(snapshot, "each").matches("  each     running its elements" + duration + ": .+"),
          snapshot);
    } finally {
      gate.countDown();
      run.cancel();
    }
  }

  /** The test's own listener hears no task start: the run reads no clock for its tasks. */
  @Test
  void withAListenerThatHearsNoTaskStartNoDurationIsShown() throws Exception {
    PipelineRun run = startStuck(RunOptions.defaults());
    try {
      String snapshot = run.toString();
      assertFalse(snapshot.matches("(?s).* for \\d+\\.\\d{3} s.*"), snapshot);
      assertEquals("  never    waiting for the future it returned", lineOf(snapshot, "never"));
    } finally {
      gate.countDown();
      run.cancel();
    }
  }

  @Test
  void withoutAListenerNoDurationIsShown() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "blocker",
                r -> {
                  started.countDown();
                  return gate.await(20, SECONDS);
                })
            .start();
    try {
      assertTrue(started.await(10, SECONDS));
      assertTrue(
          lineOf(run.toString(), "blocker")
              .matches("  blocker  running on thread '[^']+' \\(.+\\)"),
          run.toString());
    } finally {
      gate.countDown();
    }
    run.await();
  }

  @Test
  void aCancelledRunSaysSo() throws Exception {
    PipelineRun run = startStuck(RunOptions.defaults());
    run.cancel(); // interrupts the tasks at the gate
    try {
      run.await();
    } catch (CancellationException expected) {
      // what a cancelled run's await() throws
    }
    String snapshot = run.toString();
    assertTrue(snapshot.startsWith("run of test.Pipeline: cancelled, "), snapshot);
    assertEquals("  after    will not start: the run is cancelled", lineOf(snapshot, "after"));
    assertEquals("  blocker  cancelled", lineOf(snapshot, "blocker"));
  }
}
