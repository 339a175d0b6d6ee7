package dev.taskwire.runtime.internal;

/**
 * Calls a fan-out task method for one element; see {@link TaskInvoker#withElements}. Generated
 * runners implement it with one typed call per fan-out task.
 */
@FunctionalInterface
public interface ElementInvoker {
  /**
   * Calls task {@code task} with {@code element} and its other prerequisites' results, read from
   * {@code run}, and returns what the method returned.
   *
   * @throws Throwable whatever the task method throws
   */
  Object invoke(int task, Object element, PipelineRun run) throws Throwable;
}
