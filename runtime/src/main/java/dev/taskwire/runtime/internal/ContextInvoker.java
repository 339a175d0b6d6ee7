package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.ContextPropagator;

/**
 * The invoker of a run that carries a context (see {@link RunContext}): restores the run's context
 * around each call of a task method, or of one element for an element run, with the attempt's event
 * ({@link dev.taskwire.runtime.ContextPropagator.Snapshot#restore(
 * dev.taskwire.runtime.TaskEvent)}), and closes it after, so that what a task changes in it does
 * not reach the next task on that thread. A template without propagators keeps the generated
 * invoker, and its runs pay nothing for this.
 */
final class ContextInvoker implements TaskInvoker {
  private final TaskInvoker invoker;

  ContextInvoker(TaskInvoker invoker) {
    this.invoker = invoker;
  }

  @Override
  public Object invoke(int task, PipelineRun run) throws Throwable {
    RunContext context = RunContext.of(run);
    if (context == null) {
      return invoker.invoke(task, run);
    }
    ContextPropagator.Scope[] scopes =
        context.enter(
            context.restoresPerCall()
                ? RunEvents.event(run, task, null, false, System.nanoTime())
                : null);
    try {
      return invoker.invoke(task, run);
    } finally {
      context.exit(scopes);
    }
  }

  /**
   * The invoker of the elements of fan-out task {@code task} of {@code run}, from the run's own
   * {@code invoker}: it calls the task for each of {@code elements}, in the run's context if the
   * run carries one.
   */
  static TaskInvoker forElements(
      TaskInvoker invoker, int task, Object[] elements, PipelineRun run) {
    if (invoker instanceof ContextInvoker withContext) {
      TaskInvoker pipeline = withContext.invoker;
      return new ContextInvoker(
          (element, ignored) -> pipeline.invokeEach(task, elements[element], run));
    }
    return (element, ignored) -> invoker.invokeEach(task, elements[element], run);
  }
}
