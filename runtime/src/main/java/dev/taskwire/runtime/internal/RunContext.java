package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.ContextPropagator;
import java.util.List;

/**
 * A run's context, captured once on the thread that started it, and restored around each call the
 * run makes into user code, on whichever thread: task methods and fan-out elements ({@link
 * ContextInvoker}), listener events ({@link RunEvents}) and result-store calls ({@link
 * ResultCache}). A propagator that throws costs the run only its context: the first problem is
 * logged, later ones are not, and the run goes on.
 */
final class RunContext {
  private final ContextPropagator.Snapshot[] snapshots;
  private final String pipeline;

  /** Whether a problem was logged already; racy, at worst a second warning. */
  private volatile boolean warned;

  private RunContext(ContextPropagator.Snapshot[] snapshots, String pipeline) {
    this.snapshots = snapshots;
    this.pipeline = pipeline;
  }

  /** {@code run}'s context; null if it carries none. */
  static RunContext of(PipelineRun run) {
    RunFeatures more = run.features;
    return more == null ? null : more.context;
  }

  /**
   * Restores {@code run}'s context on this thread around user code that follows (a task method, a
   * listener, the result store); null if the run carries none, else what {@link #exitFor} closes
   * after it on this thread.
   */
  static ContextPropagator.Scope[] enterFor(PipelineRun run) {
    RunContext context = of(run);
    return context == null ? null : context.enter();
  }

  static void exitFor(PipelineRun run, ContextPropagator.Scope[] scopes) {
    if (scopes != null) {
      run.features.context.exit(scopes);
    }
  }

  /** On the thread that starts the run: captures the context of every propagator. */
  static RunContext capture(List<ContextPropagator> propagators, String pipeline) {
    ContextPropagator.Snapshot[] snapshots = new ContextPropagator.Snapshot[propagators.size()];
    RunContext context = new RunContext(snapshots, pipeline);
    for (int i = 0; i < snapshots.length; i++) {
      try {
        snapshots[i] = propagators.get(i).capture();
      } catch (RuntimeException | Error broken) {
        context.warn("capture", broken);
      }
    }
    return context;
  }

  /**
   * Restores the run's context on this thread; returns what {@link #exit} closes, the scope of each
   * snapshot (null where there is none or its restore threw).
   */
  ContextPropagator.Scope[] enter() {
    ContextPropagator.Scope[] scopes = new ContextPropagator.Scope[snapshots.length];
    for (int i = 0; i < snapshots.length; i++) {
      if (snapshots[i] != null) {
        try {
          scopes[i] = snapshots[i].restore();
        } catch (RuntimeException | Error broken) {
          warn("restore", broken);
        }
      }
    }
    return scopes;
  }

  /** Closes what {@link #enter} restored, in reverse order, on the same thread. */
  void exit(ContextPropagator.Scope[] scopes) {
    for (int i = scopes.length - 1; i >= 0; i--) {
      if (scopes[i] != null) {
        try {
          scopes[i].close();
        } catch (RuntimeException | Error broken) {
          warn("close", broken);
        }
      }
    }
  }

  private void warn(String step, Throwable broken) {
    if (!warned) {
      warned = true;
      Warnings.warn(
          () ->
              "a context propagator threw in "
                  + step
                  + " in a run of "
                  + pipeline
                  + "; the run goes on without that context (logged once per run)",
          broken);
    }
  }
}
