package dev.taskwire.runtime.internal;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retries ({@code @Task(retries = ...)}, and re-runs after a lost worker): a failed attempt waits
 * for its backoff on the shared {@link Timer}, holding no thread, with status RETRY_WAIT; then the
 * task is made ready again and pushed on its run's ready stack, to run on the run's own threads.
 * With oneAttemptAtATime, a retry after a timeout also waits, still holding no thread, until the
 * timed-out attempt's stage (not cancelled, see {@link Timeouts#abandon}) has completed; whichever
 * of the two comes last makes the task ready. A stop during the wait, or after it but before the
 * next attempt starts, ends the task as cancelled, and cancels the stage waited for.
 */
final class Retries {
  private Retries() {}

  /**
   * The in-flight slot of a task waiting for its retry; published before the timer can fire. It
   * counts down what the retry still waits for: the backoff, and the previous attempt's stage if
   * there is one.
   */
  static final class Wait {
    private static final int BACKOFF = 1;
    private static final int PREVIOUS = 2;

    volatile Future<?> timer;

    /** The timed-out attempt's stage the retry waits for (oneAttemptAtATime), or null. */
    final CompletionStage<?> previous;

    /** The bits of what has not happened yet; the one who clears the last starts the retry. */
    private final AtomicInteger pending;

    Wait(CompletionStage<?> previous) {
      this.previous = previous;
      this.pending = new AtomicInteger(previous == null ? BACKOFF : BACKOFF | PREVIOUS);
    }

    /** Whether the backoff has passed (the retry may still wait for the previous stage). */
    boolean backoffPassed() {
      return (pending.get() & BACKOFF) == 0;
    }

    /** {@code what} happened; true for the one caller after which nothing is pending. */
    private boolean passed(int what) {
      return pending.addAndGet(-what) == 0;
    }
  }

  /**
   * Parks a failed attempt on the timer (and, with oneAttemptAtATime after a timeout, on the
   * timed-out attempt's stage); no thread waits for the retry. Returns EMPTY.
   */
  static int retryLater(Scheduler run, int task, Throwable error) {
    CompletionStage<?> previous = (CompletionStage<?>) run.attempts().takeTimedOutStage(task);
    if (!TaskStatus.waitForRetry(run.status, task)) {
      AsyncStages.cancelQuietly(previous); // the attempt ended otherwise: no retry waits for it
      return ReadyStack.EMPTY;
    }
    Wait wait = null;
    try {
      long delay = run.attempts().failedAttempt(task, error);
      RunEvents.retried(run, task, error);
      wait = new Wait(previous);
      run.setInFlight(task, wait);
      Wait waiting = wait;
      wait.timer = Timer.schedule(() -> passed(run, task, waiting, Wait.BACKOFF), delay);
      if (previous != null) {
        // However it completes; a cancellation by a stop finds the task ending already.
        var unused =
            previous.whenComplete((value, failure) -> passed(run, task, waiting, Wait.PREVIOUS));
      }
    } catch (Throwable cannotWait) { // an OutOfMemoryError, or a stage that refuses callbacks
      if (TaskStatus.beginEndingRetry(run.status, task)) {
        stopWaiting(wait, previous);
        run.setInFlight(task, null);
        error.addSuppressed(cannotWait);
        run.fail(task, run.attempts().withEarlierFailures(task, error));
      }
      return ReadyStack.EMPTY;
    }
    // stop() sets the phase, then scans in-flight slots: it either sees the wait or we see it.
    // If the task ended before the wait was in its slot, what ended it never saw the wait.
    if (!run.isActive() && !cancel(run, task)) {
      stopWaiting(wait, previous);
    }
    return ReadyStack.EMPTY;
  }

  /**
   * On the timer thread, or the one that completed the previous stage: {@code what} happened. The
   * last of them only makes the task ready and pushes it; the run's caller or a helper on its
   * executor starts the attempt (if the executor refuses the helper, the task fails with the
   * refusal here, as any refused hand-off does).
   */
  private static void passed(Scheduler run, int task, Wait wait, int what) {
    if (wait.passed(what) && TaskStatus.readyForRetry(run.status, task)) {
      run.takeInFlight(task, wait);
      run.attempts().nextAttempt(task);
      run.push(task);
      run.wakeWorker();
    }
  }

  /**
   * Ends a task that was made ready for its next attempt, which the stopped run will not start, as
   * cancelled, with its last failure as the cause: it started before, so it is not skipped. Returns
   * EMPTY.
   */
  static int cancelNextAttempt(Scheduler run, int task) {
    if (TaskStatus.claim(run.status, task) && TaskStatus.beginEnding(run.status, task)) {
      run.endCancelled(
          task, RunMessages.cancellation(run.graph, task, run.attempts().lastFailure(task)));
      return ReadyStack.EMPTY;
    }
    return run.leave();
  }

  /**
   * Ends a task that waits for its retry as cancelled, with its last failure as the cause; cancels
   * the previous attempt's stage it waited for, if any, first. False if the task was no longer
   * waiting: it was made ready, or another thread ended it.
   */
  static boolean cancel(Scheduler run, int task) {
    if (!TaskStatus.beginEndingRetry(run.status, task)) {
      return false;
    }
    if (run.inFlight(task) instanceof Wait wait) {
      stopWaiting(wait, wait.previous);
    }
    run.setInFlight(task, null);
    run.endCancelled(
        task, RunMessages.cancellation(run.graph, task, run.attempts().lastFailure(task)));
    return true;
  }

  /** Cancels the backoff's timer and the previous attempt's stage of a wait, where there are. */
  private static void stopWaiting(Wait wait, CompletionStage<?> previous) {
    if (wait != null && wait.timer != null) {
      wait.timer.cancel(false);
    }
    AsyncStages.cancelQuietly(previous);
  }
}
