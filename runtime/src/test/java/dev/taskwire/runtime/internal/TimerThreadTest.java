package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The timer thread is shared by every run in the JVM: what one run's timeout, deadline or retry
 * triggers (listeners, stores, a stage's callbacks, the task's dependents) runs on that run's
 * executor, so that a listener that blocks delays no other run's time limits.
 */
@Timeout(60)
class TimerThreadTest {
  private static final Duration SHORT = Duration.ofMillis(20);

  /** Blocks in one event until released, and remembers the thread it blocked. */
  private static final class BlockingListener implements TaskListener {
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<Thread> thread = new AtomicReference<>();
    final String event;

    BlockingListener(String event) {
      this.event = event;
    }

    private void block(String name) {
      if (name.equals(event) && thread.compareAndSet(null, Thread.currentThread())) {
        blocked.countDown();
        boolean released = false;
        while (!released) {
          try {
            released = release.await(Settling.GUARD_SECONDS, SECONDS);
            released = true; // a guard, not a condition: the test releases it
          } catch (InterruptedException e) {
            // a stop of the run interrupts task threads only; keep blocking until released
          }
        }
      }
    }

    @Override
    public void taskFailed(TaskEvent e) {
      block("taskFailed");
    }

    @Override
    public void taskCancelled(TaskEvent e) {
      block("taskCancelled");
    }

    @Override
    public void runFinished(RunEvent e) {
      block("runFinished");
    }
  }

  /** The first run's time limit ends it with a listener that blocks; where it blocks varies. */
  private enum Limit {
    TIMEOUT_FAILED("taskFailed"),
    TIMEOUT_RUN_FINISHED("runFinished"),
    DEADLINE_CANCELLED("taskCancelled"),
    DEADLINE_RUN_FINISHED("runFinished");

    final String blockedEvent;

    Limit(String blockedEvent) {
      this.blockedEvent = blockedEvent;
    }
  }

  @RepeatedTest(3)
  void aListenerBlockedByOneRunsTimeoutDelaysNoOtherRunsTimeout() throws Exception {
    for (Limit limit : Limit.values()) {
      checkIsolated(limit);
    }
  }

  @RepeatedTest(3)
  void aTimeoutWhoseHandOffTheExecutorRefusesFailsTheTaskWithTheRefusal() {
    // start() calls the async source on this thread: the timeout's hand-off is the first one.
    RejectedExecutionException refusal = new RejectedExecutionException("shut down");
    CompletableFuture<Object> never = new CompletableFuture<>();
    List<String> events = new CopyOnWriteArrayList<>();
    TaskListener recorder =
        new TaskListener() {
          @Override
          public void taskStarted(TaskEvent event) {
            events.add("started " + event.attempt());
          }

          @Override
          public void taskRetried(TaskEvent event) {
            events.add("retried");
          }

          @Override
          public void taskFailed(TaskEvent event) {
            events.add("failed: " + event.error().getMessage());
          }
        };
    PipelineRun run =
        new TestPipeline()
            .async("stuck", r -> never)
            .policy(TaskPolicy.none().timeout(SHORT).retries(2))
            .start(
                RunOptions.defaults()
                    .listener(recorder)
                    .executor(
                        work -> {
                          throw refusal;
                        }));
    PipelineException failure = assertInstanceOf(PipelineException.class, Settling.outcomeOf(run));
    assertSame(refusal, failure.getCause());
    assertTrue(never.isCancelled());
    assertEquals(List.of("started 1", "failed: shut down"), events, "failed, not retried");
  }

  @RepeatedTest(3)
  void aDeadlineWhoseHandOffTheExecutorRefusesStillStopsTheRun() {
    CompletableFuture<Object> never = new CompletableFuture<>();
    PipelineRun run =
        new TestPipeline()
            .async("stuck", r -> never)
            .start(
                RunOptions.defaults()
                    .deadline(SHORT)
                    .executor(
                        work -> {
                          throw new RejectedExecutionException("shut down");
                        }));
    PipelineException failure = assertInstanceOf(PipelineException.class, Settling.outcomeOf(run));
    assertInstanceOf(TimeoutException.class, failure.getCause());
    assertTrue(never.isCancelled());
  }

  /**
   * A CallerRunsPolicy pool whose one thread is busy elsewhere: every hand-off to it runs inline,
   * on the thread making it. A retry's timer signals a helper for the next attempt, and a sync
   * attempt that then ran on the timer thread would wait for its own timeout forever (before the
   * fix it was released only by the guard here, uninterrupted, on 'taskwire-timer').
   */
  @RepeatedTest(3)
  void aRetryHandedToAFullCallerRunsPoolRunsOffTheTimerAndItsTimeoutStillFires() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ThreadPoolExecutor full = fullCallerRunsPool(release);
    AtomicReference<String> secondAttempt = new AtomicReference<>();
    try {
      PipelineRun run =
          new TestPipeline()
              .value(
                  "flaky",
                  r -> {
                    if (secondAttempt.compareAndSet(null, "started")) {
                      throw new IllegalStateException("first attempt fails at once");
                    }
                    boolean interrupted = waitForInterrupt();
                    secondAttempt.set(
                        Thread.currentThread().getName()
                            + (interrupted ? ", interrupted" : ", never interrupted"));
                    throw new InterruptedException("timed out");
                  })
              .policy(
                  TaskPolicy.none()
                      .timeout(Duration.ofMillis(100))
                      .retries(1)
                      .backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
              .start(RunOptions.defaults().executor(full));
      PipelineException failure =
          assertInstanceOf(PipelineException.class, Settling.outcomeOf(run));
      assertInstanceOf(TimeoutException.class, failure.getCause());
      assertEquals("taskwire-caller-runs, interrupted", secondAttempt.get());
    } finally {
      release.countDown();
      full.shutdownNow();
    }
  }

  /** The same pool: an async timeout's aftermath (its listeners here) runs off the timer too. */
  @RepeatedTest(3)
  void anAsyncTimeoutHandedToAFullCallerRunsPoolCallsListenersOffTheTimer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ThreadPoolExecutor full = fullCallerRunsPool(release);
    List<String> threads = new CopyOnWriteArrayList<>();
    TaskListener recorder =
        new TaskListener() {
          @Override
          public void taskRetried(TaskEvent event) {
            threads.add("retried on " + Thread.currentThread().getName());
          }

          @Override
          public void taskFailed(TaskEvent event) {
            threads.add("failed on " + Thread.currentThread().getName());
          }
        };
    try {
      PipelineRun run =
          new TestPipeline()
              .async("stuck", r -> new CompletableFuture<>())
              .policy(
                  TaskPolicy.none()
                      .timeout(SHORT)
                      .retries(1)
                      .backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
              .start(RunOptions.defaults().executor(full).listener(recorder));
      assertInstanceOf(PipelineException.class, Settling.outcomeOf(run));
      assertEquals(
          List.of("retried on taskwire-caller-runs", "failed on taskwire-caller-runs"), threads);
    } finally {
      release.countDown();
      full.shutdownNow();
    }
  }

  /** One thread, no queue, CallerRunsPolicy; its thread waits for {@code release}. */
  private static ThreadPoolExecutor fullCallerRunsPool(CountDownLatch release)
      throws InterruptedException {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1, 1, 0, SECONDS, new SynchronousQueue<>(), new ThreadPoolExecutor.CallerRunsPolicy());
    CountDownLatch busy = new CountDownLatch(1);
    pool.execute(
        () -> {
          busy.countDown();
          try {
            release.await();
          } catch (InterruptedException shutDown) {
            Thread.currentThread().interrupt();
          }
        });
    assertTrue(busy.await(Settling.GUARD_SECONDS, SECONDS));
    return pool;
  }

  /** Waits until interrupted (true) or for a guard of 5 s (false), keeping the interrupt. */
  private static boolean waitForInterrupt() {
    long end = System.nanoTime() + SECONDS.toNanos(5);
    while (!Thread.currentThread().isInterrupted()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(left);
    }
    return true;
  }

  private void checkIsolated(Limit limit) throws Exception {
    ExecutorService firstPool = Executors.newFixedThreadPool(2);
    ExecutorService secondPool = Executors.newFixedThreadPool(2);
    BlockingListener listener = new BlockingListener(limit.blockedEvent);
    try {
      TestPipeline first = new TestPipeline().async("stuck", r -> new CompletableFuture<>());
      RunOptions firstOptions = RunOptions.defaults().executor(firstPool).listener(listener);
      if (limit.name().startsWith("TIMEOUT")) {
        first.policy(TaskPolicy.none().timeout(SHORT));
      } else {
        firstOptions = firstOptions.deadline(SHORT);
      }
      PipelineRun firstRun = first.start(firstOptions);
      assertTrue(listener.blocked.await(Settling.GUARD_SECONDS, SECONDS), limit + ": no event");

      // While the first run's listener is blocked, an unrelated run still times out.
      PipelineRun second =
          new TestPipeline()
              .async("alsoStuck", r -> new CompletableFuture<>())
              .policy(TaskPolicy.none().timeout(SHORT))
              .start(RunOptions.defaults().executor(secondPool));
      Throwable thrown = Settling.outcomeOf(second);
      PipelineException failure = assertInstanceOf(PipelineException.class, thrown, limit.name());
      assertInstanceOf(TimeoutException.class, failure.getCause(), limit.name());
      assertEquals(1, listener.release.getCount(), limit + ": the listener was released early");
      assertNotEquals("taskwire-timer", listener.thread.get().getName(), limit + ": on the timer");

      listener.release.countDown();
      PipelineException firstFailure =
          assertInstanceOf(PipelineException.class, Settling.outcomeOf(firstRun), limit.name());
      assertInstanceOf(TimeoutException.class, firstFailure.getCause(), limit.name());
    } finally {
      listener.release.countDown();
      firstPool.shutdownNow();
      secondPool.shutdownNow();
    }
  }
}
