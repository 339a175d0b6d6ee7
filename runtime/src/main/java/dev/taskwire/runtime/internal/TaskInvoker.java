package dev.taskwire.runtime.internal;

import java.util.Objects;

/**
 * Calls one task method of a pipeline. Generated runners implement it with one small typed call per
 * task; the scheduler decides when and on which thread.
 */
@FunctionalInterface
public interface TaskInvoker {
  /**
   * Calls task {@code task} (its index in the {@link GraphTable}) with its prerequisites' results,
   * read from {@code run}, and returns what the method returned: its value, {@code null} for a
   * {@code void} method, or the {@code CompletionStage} of an async task.
   *
   * @throws Throwable whatever the task method throws; the run records it as the task's failure
   */
  Object invoke(int task, PipelineRun run) throws Throwable;

  /**
   * Calls fan-out task {@code task} for one element of the collection it runs for each of, with its
   * other prerequisites' results read from {@code run}.
   *
   * @throws Throwable whatever the task method throws
   */
  default Object invokeEach(int task, Object element, PipelineRun run) throws Throwable {
    throw new UnsupportedOperationException("task " + task + " does not run for each element");
  }

  /**
   * An invoker for a pipeline with fan-out tasks: {@code tasks} for whole tasks, {@code elements}
   * for elements.
   */
  static TaskInvoker withElements(TaskInvoker tasks, ElementInvoker elements) {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(elements, "elements");
    return new TaskInvoker() {
      @Override
      public Object invoke(int task, PipelineRun run) throws Throwable {
        return tasks.invoke(task, run);
      }

      @Override
      public Object invokeEach(int task, Object element, PipelineRun run) throws Throwable {
        return elements.invoke(task, element, run);
      }
    };
  }
}
