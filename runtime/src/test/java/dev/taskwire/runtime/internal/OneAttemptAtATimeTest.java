package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code TaskPolicy.oneAttemptAtATime(true)}: an async attempt that times out is not cancelled, and
 * the retry waits until its future has completed. The order is proved by what the second attempt
 * sees and by the run's own state (the retry's wait says when its backoff has passed), never by
 * time: the first attempt's future is completed only once the retry could otherwise have started.
 */
@Timeout(30)
class OneAttemptAtATimeTest {
  private static final TaskPolicy TIMED_RETRY =
      TaskPolicy.none()
          .timeout(Duration.ofMillis(20))
          .retries(1)
          .backoff(Duration.ofMillis(1), Duration.ofMillis(1));

  /** The first attempt returns {@code first}; the second records what it saw of it. */
  private final CompletableFuture<String> first = new CompletableFuture<>();

  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();

  private Object attempt(PipelineRun run) {
    if (calls.incrementAndGet() == 1) {
      return first;
    }
    seen.add("first done " + first.isDone() + ", cancelled " + first.isCancelled());
    return CompletableFuture.completedFuture("second");
  }

  private final TaskListener listener =
      new TaskListener() {
        @Override
        public void taskStarted(TaskEvent event) {
          events.add("started " + event.attempt());
        }

        @Override
        public void taskRetried(TaskEvent event) {
          events.add(
              "retried " + event.attempt() + ": " + event.error().getClass().getSimpleName());
        }
      };

  @RepeatedTest(20)
  void aTimedOutAttemptIsLeftAloneAndTheRetryWaitsUntilItsFutureCompleted() {
    PipelineRun run =
        new TestPipeline()
            .async("fetch", this::attempt)
            .policy(TIMED_RETRY.oneAttemptAtATime(true))
            .start(RunOptions.defaults().listener(listener));
    waitForRetry(run, true);
    // The backoff has passed: without the option the second attempt would be on its way now.
    assertEquals(1, calls.get());
    assertFalse(first.isDone(), "the timed-out attempt's future was cancelled");
    assertEquals(TaskStatus.RETRY_WAIT, TaskStatus.get(run.status, 0));
    assertTrue(
        run.toString()
            .contains(
                "fetch  waiting for the future of timed-out attempt 1 to complete before attempt 2"),
        run.toString());
    first.complete("late"); // its outcome is disregarded
    assertNull(Settling.outcomeOf(run));
    assertEquals("second", run.<String>value(0));
    assertEquals(List.of("first done true, cancelled false"), seen);
    assertEquals(List.of("started 1", "retried 1: TimeoutException", "started 2"), events);
  }

  @RepeatedTest(20)
  void aFailureOfTheTimedOutAttemptIsDisregardedToo() {
    PipelineRun run =
        new TestPipeline()
            .async("fetch", this::attempt)
            .policy(TIMED_RETRY.oneAttemptAtATime(true))
            .start();
    waitForRetry(run, false);
    first.completeExceptionally(new IOException("late failure"));
    assertNull(Settling.outcomeOf(run));
    assertEquals("second", run.<String>value(0));
    assertEquals(List.of("first done true, cancelled false"), seen);
  }

  @RepeatedTest(20)
  void withoutTheOptionTheTimedOutAttemptIsCancelledBeforeTheRetry() {
    PipelineRun run = new TestPipeline().async("fetch", this::attempt).policy(TIMED_RETRY).start();
    assertNull(Settling.outcomeOf(run));
    assertEquals("second", run.<String>value(0));
    assertEquals(List.of("first done true, cancelled true"), seen);
  }

  /**
   * An async method that overruns its timeout before returning (it is interrupted): the future it
   * returns is the attempt's work, kept for the retry to wait for.
   */
  @RepeatedTest(20)
  void aFutureReturnedAfterTheTimeoutInterruptedTheMethodIsWaitedForToo() {
    PipelineRun run =
        new TestPipeline()
            .async(
                "fetch",
                r -> {
                  if (calls.get() == 0) {
                    try {
                      new CountDownLatch(1).await(); // until the timeout interrupts it
                    } catch (InterruptedException timedOut) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return attempt(r);
                })
            .policy(TIMED_RETRY.oneAttemptAtATime(true))
            .start();
    waitForRetry(run, true);
    assertEquals(1, calls.get());
    assertFalse(first.isDone(), "the timed-out attempt's future was cancelled");
    first.complete("late");
    assertNull(Settling.outcomeOf(run));
    assertEquals(List.of("first done true, cancelled false"), seen);
  }

  /** Cancelling the run during the backoff (20 s) or after it, while the retry waits for first. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void cancellingTheRunWhileTheRetryWaitsCancelsTheOldFutureAndEndsTheTaskCancelled(
      boolean backoffPassed) {
    for (int repetition = 0; repetition < 20; repetition++) {
      OneAttemptAtATimeTest test = new OneAttemptAtATimeTest();
      test.cancelWhileWaiting(backoffPassed);
    }
  }

  private void cancelWhileWaiting(boolean backoffPassed) {
    Duration backoff = Duration.ofMillis(backoffPassed ? 1 : 20_000);
    PipelineRun run =
        new TestPipeline()
            .async("fetch", this::attempt)
            .policy(TIMED_RETRY.backoff(backoff, backoff).oneAttemptAtATime(true))
            .start();
    waitForRetry(run, backoffPassed);
    assertTrue(run.cancel());
    assertInstanceOf(CancellationException.class, Settling.outcomeOf(run));
    assertTrue(first.isCancelled(), "the old future was not cancelled");
    assertEquals(TaskStatus.CANCELLED, TaskStatus.get(run.status, 0));
    assertEquals(1, calls.get());
  }

  @RepeatedTest(20)
  void aFailureElsewhereStopsTheWaitUnderFailFast() {
    CountDownLatch waiting = new CountDownLatch(1);
    IOException down = new IOException("down");
    PipelineRun run =
        new TestPipeline()
            .async("fetch", this::attempt)
            .policy(TIMED_RETRY.oneAttemptAtATime(true))
            .value(
                "other",
                r -> {
                  waiting.await(Settling.GUARD_SECONDS, SECONDS);
                  throw down;
                })
            .start();
    waitForRetry(run, true);
    waiting.countDown();
    PipelineException failure = assertInstanceOf(PipelineException.class, Settling.outcomeOf(run));
    assertEquals("other", failure.failedTask());
    assertTrue(first.isCancelled(), "the old future was not cancelled");
    assertEquals(TaskStatus.CANCELLED, TaskStatus.get(run.status, 0));
    assertEquals(1, calls.get());
  }

  /** A future that never completes holds the retry; the run's deadline still ends the run. */
  @Test
  void theDeadlineEndsARetryThatWaitsForAStuckFuture() {
    PipelineRun run =
        new TestPipeline()
            .async("fetch", this::attempt)
            .policy(TIMED_RETRY.oneAttemptAtATime(true))
            .start(RunOptions.defaults().deadline(Duration.ofSeconds(1)));
    waitForRetry(run, true);
    PipelineException failure = assertInstanceOf(PipelineException.class, Settling.outcomeOf(run));
    assertInstanceOf(TimeoutException.class, failure.getCause());
    assertTrue(first.isCancelled(), "the old future was not cancelled");
    assertEquals(TaskStatus.CANCELLED, TaskStatus.get(run.status, 0));
    assertEquals(1, calls.get());
  }

  /** No retry follows the last attempt: its future is cancelled when it times out, as always. */
  @RepeatedTest(20)
  void theLastAttemptsFutureIsCancelledWhenItTimesOut() {
    CompletableFuture<String> second = new CompletableFuture<>();
    PipelineRun run =
        new TestPipeline()
            .async("fetch", r -> calls.incrementAndGet() == 1 ? first : second)
            .policy(TIMED_RETRY.oneAttemptAtATime(true))
            .start();
    waitForRetry(run, true);
    first.complete("late");
    PipelineException failure = assertInstanceOf(PipelineException.class, Settling.outcomeOf(run));
    assertInstanceOf(TimeoutException.class, failure.getCause());
    assertFalse(first.isCancelled());
    assertTrue(second.isCancelled(), "the last attempt's future was not cancelled");
    assertEquals(2, calls.get());
  }

  @Test
  void thePolicyKeepsTheSettingThroughItsOtherCopies() {
    assertFalse(TaskPolicy.none().oneAttemptAtATime());
    TaskPolicy policy =
        TaskPolicy.none()
            .oneAttemptAtATime(true)
            .timeout(Duration.ofSeconds(1))
            .retries(2)
            .backoff(Duration.ofMillis(5), Duration.ofMillis(10))
            .retryOn(IOException.class);
    assertTrue(policy.oneAttemptAtATime());
    assertFalse(policy.oneAttemptAtATime(false).oneAttemptAtATime());
    assertTrue(policy.toString().endsWith(", oneAttemptAtATime}"), policy.toString());
    assertTrue(TaskPolicy.none().oneAttemptAtATime(true).isNone());
  }

  /**
   * Waits until the task's first attempt failed and its retry waits, its backoff passed if {@code
   * backoffPassed}. With the option, and the first future pending, the retry cannot start
   * meanwhile.
   */
  private void waitForRetry(PipelineRun run, boolean backoffPassed) {
    while (!(run.inFlight(0) instanceof Retries.Wait wait)
        || (backoffPassed && !wait.backoffPassed())) {
      assertEquals(1, calls.get(), "the second attempt started while the first was pending");
      assertFalse(run.isDone(), "the run ended before its retry waited");
      assertFalse(Thread.interrupted(), "the retry never waited");
      LockSupport.parkNanos(100_000);
    }
  }
}
