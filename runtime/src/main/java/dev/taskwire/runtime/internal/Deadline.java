package dev.taskwire.runtime.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

/**
 * The whole run's time limit ({@code RunOptions.deadline}): one timer per run on the shared {@link
 * Timer}, cancelled when the run settles. When it fires the run fails, charged to the first task
 * still unfinished, and stops as on any failure; what stopping calls (a stage's callbacks,
 * listeners) runs on the run's executor, not on the timer (see {@link Stopping#stopFromTimer}).
 */
final class Deadline {
  private Deadline() {}

  /** Starts the run's deadline timer. */
  static ScheduledFuture<?> start(Scheduler run, long deadlineNanos) {
    return Timer.schedule(() -> passed(run, deadlineNanos), deadlineNanos);
  }

  /**
   * On the timer thread: the run's deadline passed. The first unfinished task takes the blame.
   * Reads statuses only, and calls no user code.
   */
  private static void passed(Scheduler run, long deadlineNanos) {
    if (!run.isActive()) {
      return;
    }
    GraphTable graph = run.graph;
    int blamed = -1;
    for (int task = 0; task < graph.size() && blamed < 0; task++) {
      if (TaskStatus.isInAttempt(TaskStatus.get(run.status, task))) {
        blamed = task;
      }
    }
    for (int task = 0; task < graph.size() && blamed < 0; task++) {
      if (TaskStatus.notStarted(TaskStatus.get(run.status, task)) && run.isIncluded(task)) {
        blamed = task; // ready or waiting: nothing was running at that instant
      }
    }
    if (blamed >= 0) {
      Stopping.addFailure(
          run,
          blamed,
          new TimeoutException(
              "run of "
                  + graph.pipeline()
                  + " passed its deadline of "
                  + RunMessages.duration(deadlineNanos)
                  + " while task '"
                  + graph.name(blamed)
                  + "' was unfinished"));
      Stopping.stopFromTimer(run, PipelineRun.FAILED);
    }
  }
}
