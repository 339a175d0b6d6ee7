package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.TaskKind;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * Per-attempt timeouts ({@code @Task(timeout = ...)}): a timer per attempt on the shared {@link
 * Timer} thread. When it fires, the attempt is marked timed out; a sync attempt's thread is
 * interrupted and reports the timeout itself; an async attempt's stage is cancelled (or, with
 * oneAttemptAtATime, kept for the retry to wait for) and the task finished with the timeout, on the
 * run's executor. The attempt's number guards against a timer of an earlier attempt.
 */
final class Timeouts {
  private Timeouts() {}

  /** Starts the current attempt's timeout, if the task has one. */
  static void arm(Scheduler run, int task) {
    long timeout = run.graph.policy(task).timeoutNanos();
    if (timeout > 0) {
      Attempts attempts = run.attempts();
      int attempt = attempts.current(task);
      attempts.setTimer(task, Timer.schedule(() -> timeOut(run, task, attempt), timeout));
    }
  }

  /** The attempt ended: its timer will not fire. */
  static void disarm(Scheduler run, int task) {
    ScheduledFuture<?> timer = run.attempts().takeTimer(task);
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** On the timer thread: attempt {@code attempt} of {@code task} ran out of time. */
  private static void timeOut(Scheduler run, int task, int attempt) {
    Attempts attempts = run.attempts();
    if (attempts.current(task) != attempt
        || TaskStatus.get(run.status, task) != TaskStatus.RUNNING) {
      return;
    }
    attempts.markTimedOut(task, attempt);
    Object running = run.inFlight(task);
    if (running instanceof Thread thread) {
      // Here, not on the executor, whose threads may all be busy with tasks that wait for
      // an interrupt. The task's own thread then reports the timeout.
      Interrupts.interrupt(run.slots, run.flight(task), thread);
    } else if (running instanceof CompletionStage<?>) {
      // Cancelling the stage runs its callbacks, and ending the task calls listeners and runs
      // its dependents: on the run's executor, never on the timer that every run shares.
      Throwable refused = Timer.handOff(run.executor(), () -> endTimedOut(run, task, running));
      if (refused != null
          && run.takeInFlight(task, running)
          && TaskStatus.beginEnding(run.status, task)) {
        // Nothing else can end the attempt now: it fails with the refusal, not retried, as a
        // task whose hand-off the executor refused does (see Scheduler.failReadyTasks); off the
        // timer, since the stage's callbacks and the run's listeners are user code.
        Timer.runOffTimer(
            () -> {
              AsyncStages.cancelQuietly(running);
              run.fail(task, refused);
            });
      }
    }
  }

  /** On the run's executor: the attempt whose stage is {@code stage} timed out. */
  private static void endTimedOut(Scheduler run, int task, Object stage) {
    if (run.takeInFlight(task, stage)) {
      abandon(run, task, stage);
      run.runFrom(run.finish(task, null, null));
    }
  }

  /**
   * What becomes of the stage of an attempt that timed out, just before the attempt is finished: it
   * is cancelled; with oneAttemptAtATime it is kept instead, for the retry to wait for (see {@link
   * Retries#retryLater}), and cancelled by {@code finish()} if no retry follows. Cancelling a stage
   * stops only work that watches it; the work behind a {@code supplyAsync} goes on.
   */
  static void abandon(Scheduler run, int task, Object stage) {
    if (stage instanceof CompletionStage<?>
        && run.graph.kind(task) == TaskKind.ASYNC
        && run.graph.policy(task).oneAttemptAtATime()) {
      run.attempts().keepTimedOutStage(task, stage);
    } else {
      AsyncStages.cancelQuietly(stage);
    }
  }
}
