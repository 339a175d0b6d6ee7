package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.ContextPropagator;

/**
 * The invoker of a run that carries a context (see {@link RunContext}): restores the run's context
 * around each call of a task method or fan-out element, and closes it after, so that what a task
 * changes in it does not reach the next task on that thread. A template without propagators keeps
 * the generated invoker, and its runs pay nothing for this.
 */
final class ContextInvoker implements TaskInvoker {
  private final TaskInvoker invoker;

  ContextInvoker(TaskInvoker invoker) {
    this.invoker = invoker;
  }

  @Override
  public Object invoke(int task, PipelineRun run) throws Throwable {
    ContextPropagator.Scope[] scopes = RunContext.enterFor(run);
    try {
      return invoker.invoke(task, run);
    } finally {
      RunContext.exitFor(run, scopes);
    }
  }

  @Override
  public Object invokeEach(int task, Object element, PipelineRun run) throws Throwable {
    ContextPropagator.Scope[] scopes = RunContext.enterFor(run);
    try {
      return invoker.invokeEach(task, element, run);
    } finally {
      RunContext.exitFor(run, scopes);
    }
  }
}
