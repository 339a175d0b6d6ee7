package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lazy helpers: one thread for quick tasks, the watch's helper for a task that takes long. */
@Timeout(60)
class HelperWatchTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final AtomicInteger handOffs = new AtomicInteger();
  private final Executor counting =
      helper -> {
        handOffs.incrementAndGet();
        pool.execute(helper);
      };

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Test
  void aThreadHoldsOneSeatAtATimeAndGivesItBack() {
    ReadyStack run = SeatedElsewhere.emptyRun();
    ReadyStack other = SeatedElsewhere.emptyRun();
    int seat = HelperWatch.sit(run);
    assertTrue(seat >= 0);
    try {
      assertTrue(HelperWatch.seatedFor(run));
      assertFalse(HelperWatch.seatedFor(other));
      // Taking another run's tasks inside a task of this one: no second seat.
      assertEquals(-1, HelperWatch.sit(other));
      assertTrue(HelperWatch.seatedFor(run));
    } finally {
      HelperWatch.leave(seat);
    }
    assertFalse(HelperWatch.seatedFor(run));
    HelperWatch.leave(-1); // no seat: nothing to give back
  }

  @RepeatedTest(5)
  void threadsRacingForSeatsNeverShareOne() throws Exception {
    int parties = 4;
    ReadyStack[] runs = new ReadyStack[parties];
    for (int p = 0; p < parties; p++) {
      runs[p] = SeatedElsewhere.emptyRun();
    }
    AtomicIntegerArray holders = new AtomicIntegerArray(128);
    Race.rounds(
        2_000,
        parties,
        threads -> {},
        party -> {
          int seat = HelperWatch.sit(runs[party]);
          assertTrue(seat >= 0, "no seat for party " + party);
          try {
            assertEquals(1, holders.incrementAndGet(seat), "two threads in seat " + seat);
            assertTrue(HelperWatch.seatedFor(runs[party]));
            holders.decrementAndGet(seat);
          } finally {
            HelperWatch.leave(seat);
          }
        },
        () -> {
          for (int seat = 0; seat < holders.length(); seat++) {
            assertEquals(0, holders.get(seat));
          }
        });
  }

  @Test
  void aGraphOfQuickTasksRunsOnTheCallingThreadWithoutHandingOff() {
    // In a diamond, b and c are ready together. Eagerly, the thread taking b hands a helper over
    // for c in every run; seated in the watch, it takes c itself once b has returned.
    int runs = 200;
    SeatedElsewhere.run(() -> runDiamonds(runs));
    assertEquals(runs, handOffs.getAndSet(0), "a thread without a seat hands off once a run");
    runDiamonds(runs);
    // Only a run whose thread the machine takes away for a tick or more while c waits hands off.
    assertTrue(handOffs.get() < runs / 2, handOffs.get() + " hand-offs in " + runs + " runs");
  }

  private void runDiamonds(int runs) {
    RunOptions options = RunOptions.defaults().executor(counting);
    for (int i = 0; i < runs; i++) {
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> 1)
              .value("b", r -> r.<Integer>value(0) + 1, "a")
              .value("c", r -> r.<Integer>value(0) + 2, "a")
              .value("d", r -> r.<Integer>value(1) + r.<Integer>value(2), "b", "c")
              .run(options);
      assertEquals(5, run.<Integer>value(3));
    }
  }

  @RepeatedTest(10)
  void aPoolThreadHeldUpByATaskGetsItsWaitingSiblingAHelper() {
    // The pool thread that runs root keeps one of x and y and leaves the other on the stack; each
    // waits at the barrier until the other runs, so only the watch's helper can end the run.
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    PipelineRun run =
        new TestPipeline()
            .value("root", r -> 0)
            .value("x", r -> bothRunning.await(10, SECONDS), "root")
            .value("y", r -> bothRunning.await(10, SECONDS), "root")
            .start(RunOptions.defaults().executor(pool));
    run.await();
  }

  @RepeatedTest(5)
  void theWatchHandsAHelperToAnExecutorThatRunsItInlineWithoutRunningItsTasks() {
    // A direct executor runs the helper on the thread handing it over: here the watch's. Its
    // tasks must run elsewhere, or a task that blocks would stop the watch for every run.
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    PipelineRun run =
        new TestPipeline()
            .value(
                "a",
                r -> {
                  bothRunning.await(10, SECONDS);
                  return Thread.currentThread().getName();
                })
            .value(
                "b",
                r -> {
                  bothRunning.await(10, SECONDS);
                  return Thread.currentThread().getName();
                })
            .run(RunOptions.defaults().executor(Runnable::run));
    assertNotEquals("taskwire-helper-watch", run.value(0));
    assertNotEquals("taskwire-helper-watch", run.value(1));
  }
}
