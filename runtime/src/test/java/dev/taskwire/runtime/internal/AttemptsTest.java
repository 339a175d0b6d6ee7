package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.remote.WorkerLostException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class AttemptsTest {
  private static final Duration BACKOFF = Duration.ofMillis(100);

  /** Two tasks with the same policy: "fetch" runs here, "remote" is dispatched. */
  private static GraphTable graph(TaskPolicy policy) {
    return GraphTable.builder("p.Pipeline")
        .task("fetch", TaskKind.VALUE)
        .with(policy)
        .task("remote", TaskKind.VALUE)
        .with(policy)
        .dispatched()
        .fingerprint("f")
        .build();
  }

  private static final int FETCH = 0;
  private static final int REMOTE = 1;

  private static final TaskPolicy TWO_RETRIES_ON_IO =
      TaskPolicy.none()
          .timeout(Duration.ofMillis(50))
          .retries(2)
          .retryOn(IOException.class)
          .backoff(BACKOFF, Duration.ofSeconds(10));

  private static WorkerLostException lost() {
    return new WorkerLostException("worker w1 left the cluster", null);
  }

  /** What the scheduler does when an attempt failed and is retried. */
  private static long retry(Attempts attempts, int task, Throwable error) {
    long backoff = attempts.failedAttempt(task, error);
    attempts.nextAttempt(task);
    return backoff;
  }

  // ---- attempts and timeouts -------------------------------------------------------------------

  @Test
  void attemptsAreNumberedFromOnePerTask() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    assertEquals(1, attempts.current(FETCH));
    assertEquals(1, attempts.current(REMOTE));
    attempts.nextAttempt(FETCH);
    attempts.nextAttempt(FETCH);
    assertEquals(3, attempts.current(FETCH));
    assertEquals(1, attempts.current(REMOTE));
  }

  @Test
  void aTimeoutCountsOnlyForTheAttemptThatTimedOut() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    assertFalse(attempts.timedOutNow(FETCH));
    attempts.markTimedOut(FETCH, 1);
    assertTrue(attempts.timedOutNow(FETCH));
    assertFalse(attempts.timedOutNow(REMOTE));
    attempts.nextAttempt(FETCH);
    assertFalse(attempts.timedOutNow(FETCH), "attempt 2 did not time out");
    attempts.markTimedOut(FETCH, 1); // a late timer of attempt 1
    assertFalse(attempts.timedOutNow(FETCH));
    attempts.markTimedOut(FETCH, 2);
    assertTrue(attempts.timedOutNow(FETCH));
  }

  @Test
  void withoutATimeoutTheFailureIsWhatTheTaskThrew() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    IOException thrown = new IOException("refused");
    assertSame(thrown, attempts.failureOf(FETCH, thrown));
    assertNull(attempts.failureOf(FETCH, null));
  }

  @Test
  void aTimeoutReplacesTheFailureAndKeepsItAsSuppressed() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    attempts.nextAttempt(FETCH);
    attempts.markTimedOut(FETCH, 2);
    IOException thrown = new IOException("stream closed");
    Throwable failure = attempts.failureOf(FETCH, thrown);
    assertInstanceOf(TimeoutException.class, failure);
    assertEquals("task 'fetch' timed out after 0.05s (attempt 2)", failure.getMessage());
    assertArrayEquals(new Throwable[] {thrown}, failure.getSuppressed());
  }

  @Test
  void aTimedOutAttemptThatReturnedIsATimeoutWithNothingSuppressed() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    attempts.markTimedOut(FETCH, 1);
    Throwable failure = attempts.failureOf(FETCH, null);
    assertInstanceOf(TimeoutException.class, failure);
    assertEquals("task 'fetch' timed out after 0.05s (attempt 1)", failure.getMessage());
    assertArrayEquals(new Throwable[0], failure.getSuppressed());
  }

  @Test
  void theInterruptOrCancellationATimeoutCausedIsNotKept() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    attempts.markTimedOut(FETCH, 1);
    Throwable interrupted = attempts.failureOf(FETCH, new InterruptedException());
    Throwable cancelled = attempts.failureOf(FETCH, new CancellationException());
    assertInstanceOf(TimeoutException.class, interrupted);
    assertInstanceOf(TimeoutException.class, cancelled);
    assertArrayEquals(new Throwable[0], interrupted.getSuppressed());
    assertArrayEquals(new Throwable[0], cancelled.getSuppressed());
  }

  // ---- retries ---------------------------------------------------------------------------------

  @Test
  void aFailureIsRetriedAsOftenAsThePolicySays() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    IOException thrown = new IOException("refused");
    assertTrue(attempts.shouldRetry(FETCH, thrown));
    retry(attempts, FETCH, thrown);
    assertTrue(attempts.shouldRetry(FETCH, thrown));
    retry(attempts, FETCH, thrown);
    assertFalse(attempts.shouldRetry(FETCH, thrown), "attempt 3 was the last of two retries");
  }

  @Test
  void onlyTheFailuresThePolicyNamesAreRetried() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    assertTrue(attempts.shouldRetry(FETCH, new FileNotFoundException("a subtype")));
    assertFalse(attempts.shouldRetry(FETCH, new IllegalStateException()));
    assertFalse(attempts.shouldRetry(FETCH, new UncheckedIOException(new IOException())));
    assertFalse(attempts.shouldRetry(FETCH, new AssertionError()));
    assertFalse(attempts.shouldRetry(FETCH, new CancellationException()));
    assertFalse(attempts.shouldRetry(FETCH, new InterruptedException()));
  }

  @Test
  void aTimeoutIsRetriedWhenThePolicyRetriesEveryException() {
    Attempts attempts =
        new Attempts(graph(TaskPolicy.none().timeout(Duration.ofSeconds(1)).retries(1)), 0);
    attempts.markTimedOut(FETCH, 1);
    assertTrue(attempts.shouldRetry(FETCH, attempts.failureOf(FETCH, null)));
  }

  @Test
  void aTaskWithoutRetriesIsNotRetried() {
    Attempts attempts = new Attempts(graph(TaskPolicy.none().timeout(Duration.ofSeconds(1))), 3);
    assertFalse(attempts.shouldRetry(FETCH, new IOException()));
  }

  // ---- lost workers ----------------------------------------------------------------------------

  @Test
  void aDispatchedTaskIsReRunUpToMaxLostTimesWithoutUsingItsRetries() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 2);
    // Two lost workers: re-runs, though the policy does not retry WorkerLostException.
    assertTrue(attempts.shouldRetry(REMOTE, lost()));
    retry(attempts, REMOTE, lost());
    assertTrue(attempts.shouldRetry(REMOTE, lost()));
    retry(attempts, REMOTE, lost());
    // The third is a failure like any other: not one the policy retries.
    assertFalse(attempts.shouldRetry(REMOTE, lost()));
    // Its two retries are all still there, for attempts 3 and 4.
    IOException thrown = new IOException("refused");
    assertTrue(attempts.shouldRetry(REMOTE, thrown));
    retry(attempts, REMOTE, thrown);
    assertTrue(attempts.shouldRetry(REMOTE, thrown));
    retry(attempts, REMOTE, thrown);
    assertFalse(attempts.shouldRetry(REMOTE, thrown));
    assertEquals(5, attempts.current(REMOTE));
  }

  @Test
  void aLostWorkerAfterTheReRunsAreUsedUpCountsAsARetryIfThePolicyRetriesIt() {
    Attempts attempts = new Attempts(graph(TaskPolicy.none().retries(1)), 1);
    assertTrue(attempts.shouldRetry(REMOTE, lost()));
    retry(attempts, REMOTE, lost());
    assertTrue(attempts.shouldRetry(REMOTE, lost()), "the one retry of every Exception");
    retry(attempts, REMOTE, lost());
    assertFalse(attempts.shouldRetry(REMOTE, lost()));
  }

  @Test
  void aWorkerLostExceptionFromATaskThatIsNotDispatchedIsAnOrdinaryFailure() {
    Attempts attempts = new Attempts(graph(TaskPolicy.none()), 5);
    assertFalse(attempts.shouldRetry(FETCH, lost()));
    assertTrue(attempts.shouldRetry(REMOTE, lost()));
  }

  @Test
  void withoutReRunsALostWorkerIsAnOrdinaryFailure() {
    Attempts attempts = new Attempts(graph(TaskPolicy.none()), 0);
    assertFalse(attempts.shouldRetry(REMOTE, lost()));
  }

  // ---- backoff ---------------------------------------------------------------------------------

  @Test
  void theNextAttemptAfterALostWorkerStartsAtOnce() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 2);
    assertTrue(attempts.shouldRetry(REMOTE, lost()));
    assertEquals(0, attempts.failedAttempt(REMOTE, lost()));
  }

  @Test
  void retriesWaitTheBackoffDoublingFromTheFirstRetry() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    long first = retry(attempts, FETCH, new IOException());
    long second = retry(attempts, FETCH, new IOException());
    // Jittered into the upper half of the backoff, then of twice the backoff.
    assertBetween(BACKOFF.toNanos() / 2, BACKOFF.toNanos(), first);
    assertBetween(BACKOFF.toNanos(), 2 * BACKOFF.toNanos(), second);
  }

  @Test
  void reRunsAfterLostWorkersDoNotDoubleTheBackoffOfTheRetriesAfterThem() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 2);
    for (int i = 0; i < 2; i++) {
      assertTrue(attempts.shouldRetry(REMOTE, lost()));
      assertEquals(0, retry(attempts, REMOTE, lost()));
    }
    IOException thrown = new IOException();
    assertTrue(attempts.shouldRetry(REMOTE, thrown));
    assertBetween(BACKOFF.toNanos() / 2, BACKOFF.toNanos(), retry(attempts, REMOTE, thrown));
  }

  private static void assertBetween(long low, long high, long actual) {
    assertTrue(low <= actual && actual <= high, actual + " is not in " + low + ".." + high);
  }

  // ---- earlier failures ------------------------------------------------------------------------

  @Test
  void theFinalFailureCarriesTheEarlierOnesAsSuppressedInOrder() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    IOException first = new IOException("1");
    IOException second = new IOException("2");
    IllegalStateException last = new IllegalStateException("3");
    retry(attempts, FETCH, first);
    retry(attempts, FETCH, second);
    assertSame(last, attempts.withEarlierFailures(FETCH, last));
    assertArrayEquals(new Throwable[] {first, second}, last.getSuppressed());
  }

  @Test
  void anExceptionThatFailedSeveralAttemptsIsNotSuppressedInItself() {
    // A task may throw the same instance every time, say one it keeps in a field.
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    IOException first = new IOException("1");
    IOException same = new IOException("2 and 3");
    retry(attempts, FETCH, first);
    retry(attempts, FETCH, same);
    assertSame(same, attempts.withEarlierFailures(FETCH, same));
    assertArrayEquals(new Throwable[] {first}, same.getSuppressed());
  }

  @Test
  void aTaskThatFailedOnceHasNothingToAttach() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    IOException only = new IOException();
    assertSame(only, attempts.withEarlierFailures(FETCH, only));
    assertArrayEquals(new Throwable[0], only.getSuppressed());
  }

  @Test
  void earlierFailuresAreKeptPerTask() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 1);
    IOException fetchFailed = new IOException("fetch");
    WorkerLostException remoteLost = lost();
    retry(attempts, FETCH, fetchFailed);
    retry(attempts, REMOTE, remoteLost);
    IOException last = new IOException();
    attempts.withEarlierFailures(REMOTE, last);
    assertArrayEquals(new Throwable[] {remoteLost}, last.getSuppressed());
    assertSame(fetchFailed, attempts.lastFailure(FETCH));
    assertSame(remoteLost, attempts.lastFailure(REMOTE));
  }

  @Test
  void theLastFailureIsTheMostRecentKept() {
    Attempts attempts = new Attempts(graph(TWO_RETRIES_ON_IO), 0);
    assertNull(attempts.lastFailure(FETCH));
    IOException first = new IOException("1");
    IOException second = new IOException("2");
    retry(attempts, FETCH, first);
    assertSame(first, attempts.lastFailure(FETCH));
    retry(attempts, FETCH, second);
    assertSame(second, attempts.lastFailure(FETCH));
  }
}
