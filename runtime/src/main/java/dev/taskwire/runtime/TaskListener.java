package dev.taskwire.runtime;

/**
 * Observes runs: register one with {@link RunOptions#listener(TaskListener)}. Every method has an
 * empty default, so a listener overrides only what it needs.
 *
 * <p>Events arrive on the threads that cause them (a worker, the thread that completed an async
 * task's future, the caller of {@code run()}), possibly several at once, so implementations must be
 * thread-safe and quick. For one task they arrive in order: scheduled, started, then exactly one of
 * succeeded, failed or cancelled; a task that never starts gets skipped instead, when the run ends.
 * A listener that throws is reported through {@link System.Logger} and otherwise ignored: it cannot
 * break the run or stop other listeners.
 *
 * <p>With no listener registered the scheduler pays one null check per event.
 */
public interface TaskListener {
  /** Before any task of the run is scheduled. */
  default void runStarted(RunEvent event) {}

  /** Once the run has settled; {@link RunEvent#failure()} says how it ended. */
  default void runFinished(RunEvent event) {}

  /** The task's last prerequisite succeeded (or it has none): it is ready to start. */
  default void taskScheduled(TaskEvent event) {}

  /** The task's method is about to be called, on {@link TaskEvent#thread()}. */
  default void taskStarted(TaskEvent event) {}

  /** The task returned (for an async task: its future completed) with a value. */
  default void taskSucceeded(TaskEvent event) {}

  /** The task threw, or its future completed exceptionally; see {@link TaskEvent#error()}. */
  default void taskFailed(TaskEvent event) {}

  /**
   * An attempt failed and the task will be retried after a backoff; {@link TaskEvent#error()} is
   * that attempt's failure and {@link TaskEvent#attempt()} its number.
   */
  default void taskRetried(TaskEvent event) {}

  /** The task was stopped by the run's cancellation or fail-fast stop after it started. */
  default void taskCancelled(TaskEvent event) {}

  /** The run ended without starting the task: an upstream task failed, or the run stopped. */
  default void taskSkipped(TaskEvent event) {}
}
