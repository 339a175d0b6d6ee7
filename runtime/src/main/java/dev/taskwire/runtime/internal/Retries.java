package dev.taskwire.runtime.internal;

import java.util.concurrent.Future;

/**
 * Retries ({@code @Task(retries = ...)}, and re-runs after a lost worker): a failed attempt waits
 * for its backoff on the shared {@link Timer}, holding no thread, with status RETRY_WAIT; then the
 * task is made ready again and pushed on its run's ready stack, to run on the run's own threads. A
 * stop during the backoff, or after it but before the next attempt starts, ends the task as
 * cancelled.
 */
final class Retries {
  private Retries() {}

  /** The in-flight slot of a task waiting for its retry; published before the timer can fire. */
  static final class Wait {
    volatile Future<?> timer;
  }

  /** Parks a failed attempt on the timer; no thread waits for the retry. Returns EMPTY. */
  static int retryLater(Scheduler run, int task, Throwable error) {
    if (!TaskStatus.waitForRetry(run.status, task)) {
      return ReadyStack.EMPTY;
    }
    long delay = run.attempts().failedAttempt(task, error);
    RunEvents.task(run, dev.taskwire.runtime.TaskListener::taskRetried, task, error);
    Wait wait = new Wait();
    run.setInFlight(task, wait);
    try {
      wait.timer = Timer.schedule(() -> retryNow(run, task, wait), delay);
    } catch (Throwable cannotWait) { // an OutOfMemoryError: with no timer, no retry will come
      if (TaskStatus.beginEndingRetry(run.status, task)) {
        run.setInFlight(task, null);
        error.addSuppressed(cannotWait);
        run.fail(task, run.attempts().withEarlierFailures(task, error));
      }
      return ReadyStack.EMPTY;
    }
    // stop() sets the phase, then scans in-flight slots: it either sees the wait or we see it.
    if (!run.isActive()) {
      cancel(run, task);
    }
    return ReadyStack.EMPTY;
  }

  /**
   * On the timer thread: the backoff passed. Only makes the task ready and pushes it; the run's
   * caller or a helper on its executor starts the attempt (if the executor refuses the helper, the
   * task fails with the refusal here, as any refused hand-off does).
   */
  private static void retryNow(Scheduler run, int task, Wait wait) {
    if (TaskStatus.readyForRetry(run.status, task)) {
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

  /** Ends a task that waits for its retry as cancelled, with its last failure as the cause. */
  static void cancel(Scheduler run, int task) {
    if (TaskStatus.beginEndingRetry(run.status, task)) {
      if (run.inFlight(task) instanceof Wait wait && wait.timer != null) {
        wait.timer.cancel(false);
      }
      run.setInFlight(task, null);
      run.endCancelled(
          task, RunMessages.cancellation(run.graph, task, run.attempts().lastFailure(task)));
    }
  }
}
