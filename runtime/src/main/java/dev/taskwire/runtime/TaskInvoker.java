package dev.taskwire.runtime;

/**
 * Calls one task method of a pipeline. Generated runners implement it with one small typed call
 * per task; the scheduler decides when and on which thread.
 */
@FunctionalInterface
public interface TaskInvoker {
  /**
   * Calls task {@code task} (its index in the {@link TaskGraph}) with its prerequisites' results,
   * read from {@code run}, and returns what the method returned: its value, {@code null} for a
   * {@code void} method, or the {@code CompletionStage} of an async task.
   *
   * @throws Throwable whatever the task method throws; the run records it as the task's failure
   */
  Object invoke(int task, PipelineRun run) throws Throwable;
}
