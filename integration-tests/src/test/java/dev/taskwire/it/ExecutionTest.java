package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void runsOnTheExecutorOfItsOptions() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    AtomicInteger submitted = new AtomicInteger();
    Executor counting =
        task -> {
          submitted.incrementAndGet();
          single.execute(task);
        };
    try {
      PrimitivesRunner.Results results =
          new PrimitivesRunner(new Primitives(), RunOptions.defaults().executor(counting)).run();
      assertEquals(84, results.doubled());
      assertEquals("Integer 42", results.boxed());
      assertTrue(submitted.get() > 0, "no task ran on the executor of the options");
    } finally {
      single.shutdown();
      assertTrue(single.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
  }
}
