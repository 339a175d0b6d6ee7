package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CancellationTest {
  @RepeatedTest(10)
  void cancelInterruptsSyncTasksCancelsFuturesAndStartsNothingNew() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    AtomicBoolean syncExited = new AtomicBoolean();
    AtomicBoolean dependentRan = new AtomicBoolean();
    CompletableFuture<String> reply = new CompletableFuture<>();
    PipelineRun run =
        new TestPipeline()
            .value(
                "blocking",
                r -> {
                  bothStarted.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } finally {
                    syncExited.set(true);
                  }
                  return 1;
                })
            .async(
                "remote",
                r -> {
                  bothStarted.countDown();
                  return reply;
                })
            .value("after", r -> dependentRan.getAndSet(true), "blocking", "remote")
            .start();
    assertTrue(bothStarted.await(10, SECONDS));
    assertTrue(run.cancel());
    assertFalse(run.cancel(), "cancel is idempotent");
    assertThrows(CancellationException.class, run::await);
    assertTrue(run.isDone());
    assertTrue(syncExited.get(), "no task code runs after await returns");
    assertTrue(reply.isCancelled(), "the async task's future was cancelled");
    assertFalse(dependentRan.get());
  }

  /**
   * A task's slot holds its thread or stage while it runs, then its value: a value that is itself a
   * thread or a future must not be taken for work to interrupt or cancel when the run stops.
   */
  @RepeatedTest(10)
  void valuesThatAreThreadsOrFuturesSurviveCancellation() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> done = CompletableFuture.completedFuture("done");
    CompletableFuture<String> late = new CompletableFuture<>();
    CountDownLatch waiting = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value("worker", r -> Thread.currentThread())
            .async("reply", r -> CompletableFuture.completedFuture(pending))
            .value("pending", r -> pending)
            .value("done", r -> done)
            .async("late", r -> late)
            .value(
                "wait",
                r -> {
                  waiting.countDown();
                  new CountDownLatch(1).await();
                  return null;
                },
                "worker",
                "reply",
                "pending",
                "done")
            .start();
    assertTrue(waiting.await(10, SECONDS));
    Thread worker = run.value(0);
    late.complete("late"); // the run looks for its completed stages among the slots
    assertEquals("late", run.future(4).join());
    assertTrue(run.cancel());
    assertThrows(CancellationException.class, run::await);
    assertEquals(worker, run.value(0));
    assertEquals(pending, run.value(1));
    assertEquals(pending, run.value(2));
    assertEquals(done, run.value(3));
    assertFalse(pending.isDone(), "a future that is a task's value is not cancelled");
    assertEquals(worker, run.future(0).join());
  }

  @Test
  void cancelAfterTheRunFinishedDoesNothing() {
    PipelineRun run = new TestPipeline().value("a", r -> 1).start();
    run.await();
    assertFalse(run.cancel());
    run.await();
    assertEquals(1, run.<Integer>value(0));
  }

  @RepeatedTest(10)
  void aTaskCanCancelItsOwnRun() {
    AtomicBoolean laterRan = new AtomicBoolean();
    PipelineRun run =
        new TestPipeline()
            .value("quit", r -> r.cancel())
            .value("later", r -> laterRan.getAndSet(true), "quit")
            .start();
    assertThrows(CancellationException.class, run::await);
    assertFalse(laterRan.get());
  }

  @Test
  void anInterruptFromCancelDoesNotLeakIntoTheNextTaskOnThatThread() throws Exception {
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch started = new CountDownLatch(1);
      PipelineRun first =
          new TestPipeline()
              .value(
                  "ignoresInterrupts",
                  r -> {
                    started.countDown();
                    long end = System.nanoTime() + SECONDS.toNanos(1);
                    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < end) {
                      Thread.onSpinWait();
                    }
                    return 1; // returns normally, leaving the interrupt flag set
                  })
              .start(RunOptions.defaults().executor(oneThread));
      assertTrue(started.await(10, SECONDS));
      first.cancel();
      assertThrows(CancellationException.class, first::await);
      Future<Boolean> next = oneThread.submit(() -> Thread.currentThread().isInterrupted());
      assertFalse(next.get(10, SECONDS));
    } finally {
      oneThread.shutdownNow();
    }
  }

  /**
   * The first thread in await() parks until the run settles; any other waits on the run's monitor.
   * Interrupting the second cancels the run, and both hear of it.
   */
  @RepeatedTest(5)
  void severalThreadsCanAwaitOneRunAndAnyOfThemCanCancelIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "long",
                r -> {
                  started.countDown();
                  new CountDownLatch(1).await();
                  return 1;
                })
            .start();
    assertTrue(started.await(10, SECONDS));
    AtomicReference<Throwable> first = new AtomicReference<>();
    AtomicReference<Throwable> second = new AtomicReference<>();
    Thread firstWaiter = awaiting(run, first);
    waitUntilBlocked(firstWaiter);
    Thread secondWaiter = awaiting(run, second);
    waitUntilBlocked(secondWaiter);
    secondWaiter.interrupt();
    firstWaiter.join(10_000);
    secondWaiter.join(10_000);
    assertTrue(first.get() instanceof CancellationException, String.valueOf(first.get()));
    assertTrue(second.get() instanceof CancellationException, String.valueOf(second.get()));
    assertTrue(run.isDone());
  }

  @RepeatedTest(5)
  void severalThreadsAwaitingOneRunAllSeeItsResult() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "gated",
                r -> {
                  release.await();
                  return 7;
                })
            .start();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] waiters = new Thread[3];
    for (int i = 0; i < waiters.length; i++) {
      waiters[i] = awaiting(run, failure);
      waitUntilBlocked(waiters[i]);
    }
    release.countDown();
    for (Thread waiter : waiters) {
      waiter.join(10_000);
      assertFalse(waiter.isAlive());
    }
    assertEquals(null, failure.get());
    assertEquals(7, run.<Integer>value(0));
  }

  private static Thread awaiting(PipelineRun run, AtomicReference<Throwable> thrown) {
    Thread waiter =
        new Thread(
            () -> {
              try {
                run.await();
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    waiter.start();
    return waiter;
  }

  /** Until {@code thread} parks or waits (in await(), the only thing it does). */
  private static void waitUntilBlocked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING) {
      assertTrue(System.nanoTime() < deadline, "the thread never blocked in await()");
      Thread.sleep(1);
    }
  }

  @Test
  void interruptingTheWaitingThreadCancelsTheRun() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean taskInterrupted = new AtomicBoolean();
    PipelineRun run =
        new TestPipeline()
            .value(
                "long",
                r -> {
                  started.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    taskInterrupted.set(true);
                    throw e;
                  }
                  return 1;
                })
            .start();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              try {
                run.await();
              } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    assertTrue(started.await(10, SECONDS));
    waiter.start();
    waiter.interrupt();
    waiter.join(10_000);
    assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
    assertTrue(stillInterrupted.get());
    assertTrue(taskInterrupted.get());
    assertTrue(run.isDone());
  }

  @RepeatedTest(5)
  void interruptingTheThreadInRunCancelsTheRunWhicheverThreadRunsTheTask() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                new TestPipeline()
                    .value(
                        "long",
                        r -> {
                          started.countDown();
                          new CountDownLatch(1).await();
                          return 1;
                        })
                    .run();
              } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    assertTrue(started.await(10, SECONDS));
    caller.interrupt();
    caller.join(10_000);
    assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
    assertTrue(stillInterrupted.get());
  }

  @Test
  void futuresOfTasksThatDidNotRunAreCancelled() {
    CountDownLatch never = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "wait",
                r -> {
                  never.await();
                  return 1;
                })
            .value("after", r -> 2, "wait")
            .start();
    CompletableFuture<Integer> after = run.future(1);
    run.cancel();
    assertThrows(CancellationException.class, run::await);
    assertTrue(after.isCancelled());
  }
}
