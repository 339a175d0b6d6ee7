package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * A task that sets its own thread's interrupt status and returns leaves it to no other task: the
 * status is cleared after each task, as a ThreadPoolExecutor clears it between its tasks. On the
 * thread in {@code run()}, such a status does not cancel the run, and {@code run()} returns with it
 * set, while an interrupt of that thread between tasks or while it waits still cancels the run.
 */
@Timeout(60)
class InterruptStatusTest {
  private static final int TASKS = 6;

  /** Tasks in a chain and side by side; each notes whether it started interrupted, then sets it. */
  private static TestPipeline selfInterrupting(List<String> startedInterrupted) {
    TestPipeline pipeline = new TestPipeline();
    for (int i = 0; i < TASKS; i++) {
      String name = "t" + i;
      TestPipeline.Body body =
          r -> {
            if (Thread.currentThread().isInterrupted()) {
              startedInterrupted.add(name);
            }
            Thread.currentThread().interrupt();
            return name;
          };
      if (i % 2 == 0) {
        pipeline.value(name, body);
      } else {
        pipeline.value(name, body, "t" + (i - 1));
      }
    }
    return pipeline;
  }

  /** One thread, busy elsewhere until released: the caller of run() runs every task itself. */
  private static ExecutorService busyPool(CountDownLatch release) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.execute(
        () -> {
          try {
            release.await(Settling.GUARD_SECONDS, SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return pool;
  }

  @RepeatedTest(5)
  void aTaskThatInterruptsItselfLeavesNoInterruptToTheNextTaskOnAPoolThread() {
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    try {
      List<String> startedInterrupted = new CopyOnWriteArrayList<>();
      PipelineRun run =
          selfInterrupting(startedInterrupted).start(RunOptions.defaults().executor(oneThread));
      Throwable outcome = Settling.outcomeOf(run);
      assertEquals(null, outcome);
      assertEquals(List.of(), startedInterrupted);
    } finally {
      oneThread.shutdownNow();
    }
  }

  @RepeatedTest(5)
  void aTaskThatInterruptsItselfOnTheThreadInRunDoesNotCancelTheRun() {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = busyPool(release);
    try {
      List<String> startedInterrupted = new CopyOnWriteArrayList<>();
      PipelineRun run =
          selfInterrupting(startedInterrupted).run(RunOptions.defaults().executor(pool));
      // run() returned normally: nobody interrupted this thread from outside.
      assertTrue(Thread.interrupted(), "run() hands the status the tasks left back to its caller");
      assertEquals(List.of(), startedInterrupted);
      assertEquals("t5", run.value(5));
    } finally {
      Thread.interrupted();
      release.countDown();
      pool.shutdownNow();
    }
  }

  @RepeatedTest(5)
  void startKeepsItsThreadsInterruptStatusAndTheAsyncMethodsItCallsLeaveThemNone() {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = busyPool(release);
    try {
      List<String> calledInterrupted = new CopyOnWriteArrayList<>();
      TestPipeline pipeline = new TestPipeline();
      for (String name : List.of("a", "b", "c")) {
        pipeline.async(
            name,
            r -> {
              if (Thread.currentThread().isInterrupted()) {
                calledInterrupted.add(name);
              }
              Thread.currentThread().interrupt();
              return CompletableFuture.completedFuture(name);
            });
      }
      for (boolean interruptedBefore : new boolean[] {false, true}) {
        calledInterrupted.clear();
        if (interruptedBefore) {
          Thread.currentThread().interrupt();
        }
        PipelineRun run = pipeline.start(RunOptions.defaults().executor(pool));
        assertEquals(interruptedBefore, Thread.interrupted(), "start() kept its caller's status");
        assertEquals(List.of(), calledInterrupted);
        assertEquals(null, Settling.outcomeOf(run));
      }
    } finally {
      Thread.interrupted();
      release.countDown();
      pool.shutdownNow();
    }
  }

  @RepeatedTest(5)
  void interruptingTheThreadInRunWhileItWaitsStillCancelsTheRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = busyPool(release);
    CountDownLatch called = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    CompletableFuture<Integer> never = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                new TestPipeline()
                    .async(
                        "call",
                        r -> {
                          called.countDown();
                          return never;
                        })
                    .run(RunOptions.defaults().executor(pool));
              } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    try {
      caller.start();
      assertTrue(called.await(Settling.GUARD_SECONDS, SECONDS));
      // Interrupted once it waits for the stage: while it ran the method, the interrupt would
      // have been the method's (see RunTemplate.run()).
      long guard = System.nanoTime() + SECONDS.toNanos(Settling.GUARD_SECONDS);
      while (caller.getState() != Thread.State.WAITING) {
        assertTrue(System.nanoTime() < guard, "the caller never waited");
        Thread.yield();
      }
      caller.interrupt();
      caller.join(SECONDS.toMillis(Settling.GUARD_SECONDS));
      assertFalse(caller.isAlive(), "run() did not return");
      assertInstanceOf(CancellationException.class, thrown.get());
      assertTrue(stillInterrupted.get());
      assertTrue(never.isCancelled());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
