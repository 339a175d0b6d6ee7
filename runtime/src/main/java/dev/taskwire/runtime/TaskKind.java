package dev.taskwire.runtime;

/** How the scheduler treats what a task method returns. */
public enum TaskKind {
  /** Returns a value; runs on the run's executor and its dependents receive the value. */
  VALUE,
  /** Returns {@code void}; runs on the run's executor and has no result. */
  VOID,
  /**
   * Returns a {@code CompletionStage<T>}: the method runs on the run's executor, then no thread
   * waits until the stage completes; its dependents receive {@code T}.
   */
  ASYNC
}
