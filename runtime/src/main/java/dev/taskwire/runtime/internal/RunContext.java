package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's context, captured once on the thread that started it, and restored around each call the
 * run makes into user code, on whichever thread: task methods and fan-out elements ({@link
 * ContextInvoker}), listener events ({@link RunEvents}) and result-store calls ({@link
 * ResultCache}). A propagator that throws costs the run only its context: the first problem is
 * logged, later ones are not, and the run goes on.
 */
final class RunContext {
  private final ContextPropagator.Snapshot[] snapshots;

  /** The propagators whose context also travels with a dispatched task. */
  private final ContextPropagator.Remote[] remotes;

  private final String pipeline;

  /** Whether some snapshot restores per call: only then is each call's event made. */
  private boolean perCall;

  /** Per snapshot class, whether it overrides {@code restore(TaskEvent)}. */
  private static final ClassValue<Boolean> RESTORES_PER_CALL =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("restore", TaskEvent.class).getDeclaringClass()
                != ContextPropagator.Snapshot.class;
          } catch (NoSuchMethodException | SecurityException unknown) {
            return true;
          }
        }
      };

  /** Whether a problem was logged already; racy, at worst a second warning. */
  private volatile boolean warned;

  private RunContext(
      ContextPropagator.Snapshot[] snapshots, ContextPropagator.Remote[] remotes, String pipeline) {
    this.snapshots = snapshots;
    this.remotes = remotes;
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

  /**
   * On the thread that dispatches a task of {@code run}, inside its restored context: the fields of
   * the context that travel with it.
   */
  static Map<String, String> remoteFieldsOf(PipelineRun run) {
    RunContext context = of(run);
    return context == null ? Map.of() : context.remoteFields();
  }

  /** On the thread that starts the run: captures the context of every propagator. */
  static RunContext capture(List<ContextPropagator> propagators, String pipeline) {
    ContextPropagator.Snapshot[] snapshots = new ContextPropagator.Snapshot[propagators.size()];
    ContextPropagator.Remote[] remotes =
        propagators.stream()
            .filter(ContextPropagator.Remote.class::isInstance)
            .toArray(ContextPropagator.Remote[]::new);
    RunContext context = new RunContext(snapshots, remotes, pipeline);
    for (int i = 0; i < snapshots.length; i++) {
      try {
        snapshots[i] = propagators.get(i).capture();
        context.perCall |= snapshots[i] != null && RESTORES_PER_CALL.get(snapshots[i].getClass());
      } catch (RuntimeException | Error broken) {
        context.warn("capture", broken);
      }
    }
    return context;
  }

  /**
   * Restores the run's context on this thread around a listener event or a result-store call;
   * returns what {@link #exit} closes, the scope of each snapshot (null where there is none or its
   * restore threw).
   */
  ContextPropagator.Scope[] enter() {
    return enter(null);
  }

  /** Whether {@link #enter(TaskEvent)} needs the call's event; else it may be given null. */
  boolean restoresPerCall() {
    return perCall;
  }

  /** As {@link #enter()}, around {@code call}, a call of a task method or element. */
  ContextPropagator.Scope[] enter(TaskEvent call) {
    ContextPropagator.Scope[] scopes = new ContextPropagator.Scope[snapshots.length];
    for (int i = 0; i < snapshots.length; i++) {
      if (snapshots[i] != null) {
        try {
          scopes[i] = call == null ? snapshots[i].restore() : snapshots[i].restore(call);
        } catch (RuntimeException | Error broken) {
          warn("restore", broken);
        }
      }
    }
    return scopes;
  }

  /** The listeners of this run's snapshots, in the order of their propagators. */
  TaskListener[] listeners() {
    List<TaskListener> listeners = new ArrayList<>();
    for (ContextPropagator.Snapshot snapshot : snapshots) {
      if (snapshot != null) {
        try {
          TaskListener listener = snapshot.listener();
          if (listener != null) {
            listeners.add(listener);
          }
        } catch (RuntimeException | Error broken) {
          warn("listener", broken);
        }
      }
    }
    return listeners.toArray(new TaskListener[0]);
  }

  /**
   * On the thread that dispatches a task, inside its restored context: the fields of the context
   * that travel with it (empty if no propagator sends any).
   */
  Map<String, String> remoteFields() {
    if (remotes.length == 0) {
      return Map.of();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (ContextPropagator.Remote remote : remotes) {
      try {
        remote.inject(fields);
      } catch (RuntimeException | Error broken) {
        warn("inject", broken);
      }
    }
    return fields;
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
