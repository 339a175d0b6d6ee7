package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** {@code start()}, the per-task futures, {@code await()} and {@code cancel()}. */
class ExecutionTest {
  private static final long TIMEOUT_SECONDS = 5;

  @Test
  void startReturnsBeforeTheTasksFinish() throws Exception {
    Gated pipeline = new Gated();
    GatedRunner.Execution execution = new GatedRunner(pipeline).start();
    assertTrue(pipeline.started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));

    assertEquals("source", execution.source().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    CompletableFuture<Integer> after = execution.after();
    assertFalse(after.isDone());
    assertFalse(execution.isDone());

    pipeline.gate.countDown();
    assertEquals(22, after.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    GatedRunner.Results results = execution.await();
    assertTrue(execution.isDone());
    assertEquals("source passed the gate", results.gated());
    assertEquals(22, results.after());
  }

  @Test
  void futuresAreCopiesThatDoNotAffectTheRun() throws Exception {
    Gated pipeline = new Gated();
    GatedRunner.Execution execution = new GatedRunner(pipeline).start();
    assertTrue(execution.after().cancel(true));
    pipeline.gate.countDown();
    assertEquals(22, execution.await().after());
    assertEquals(22, execution.after().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void cancelStopsTheRunAndLaterTasksNeverRun() throws Exception {
    Gated pipeline = new Gated();
    GatedRunner.Execution execution = new GatedRunner(pipeline).start();
    CompletableFuture<Integer> after = execution.after();
    assertTrue(pipeline.started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));

    assertTrue(execution.cancel());
    assertFalse(execution.cancel(), "a second cancel() stopped the run again");
    assertThrows(CancellationException.class, execution::await);
    assertTrue(execution.isDone());
    assertFalse(pipeline.afterRan.get(), "after ran in a cancelled run");
    assertThrows(CancellationException.class, () -> after.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertThrows(CancellationException.class, execution.after()::join);
    assertTrue(execution.gated().isCompletedExceptionally(), "the interrupted task succeeded");
    assertEquals("source", execution.source().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void toStringSaysWhatEachTaskIsDoingInAStuckRun() throws Exception {
    Gated pipeline = new Gated();
    GatedRunner.Execution execution = new GatedRunner(pipeline).start();
    assertTrue(pipeline.started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));

    String[] lines = execution.toString().split(System.lineSeparator());
    assertEquals("run of dev.taskwire.it.Gated: running, 1 of 3 tasks ended", lines[0]);
    assertEquals("  source  succeeded", lines[1]);
    assertTrue(
        lines[2].matches(
            "  gated   running on thread '.+' \\([A-Z_]+ in dev\\.taskwire\\.it\\.Gated\\.gated\\(Gated"
                + "\\.java:\\d+\\)\\)"),
        lines[2]);
    assertEquals("  after   waiting for gated", lines[3]);
    pipeline.gate.countDown();
    execution.await();
    assertTrue(execution.toString().startsWith("run of dev.taskwire.it.Gated: succeeded, 3 of 3"));
  }

  @Test
  void cancelAfterTheRunEndedChangesNothing() {
    Gated pipeline = new Gated();
    pipeline.gate.countDown();
    GatedRunner.Execution execution = new GatedRunner(pipeline).start();
    assertEquals(22, execution.await().after());
    assertFalse(execution.cancel());
    assertEquals(22, execution.await().after());
  }

  @RepeatedTest(20)
  void runLendsTheCallingThreadAndTakesHelpersFromTheExecutorOfItsOptions() throws Exception {
    AtomicInteger submitted = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor(named("options-pool"));
    Executor counting =
        task -> {
          submitted.incrementAndGet();
          pool.execute(task);
        };
    try {
      // each task waits for the other to start: one runs on the caller, the other on a helper
      RendezvousRunner.Results results =
          new RendezvousRunner(new Rendezvous(), RunOptions.defaults().executor(counting)).run();
      String caller = Thread.currentThread().getName();
      assertEquals(
          Set.of(caller, "options-pool"),
          Set.copyOf(List.of(results.left(), results.right())),
          "the threads the tasks ran on");
      assertTrue(submitted.get() > 0, "the helper did not come through the options' executor");
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
  }

  @RepeatedTest(20)
  void startRunsSyncTasksOnTheExecutorOfItsOptions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2, named("options-pool"));
    try {
      RendezvousRunner.Results results =
          new RendezvousRunner(new Rendezvous(), RunOptions.defaults().executor(pool))
              .start()
              .await();
      assertEquals(
          Set.of("options-pool"),
          Set.copyOf(List.of(results.left(), results.right())),
          "the threads the tasks ran on");
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
  }

  /** Threads that all carry {@code name}, so that a test can tell them from the caller. */
  private static ThreadFactory named(String name) {
    return runnable -> new Thread(runnable, name);
  }
}
