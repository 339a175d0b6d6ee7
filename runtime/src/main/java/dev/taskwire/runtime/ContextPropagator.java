package dev.taskwire.runtime;

import java.util.Map;

/**
 * Carries the context of the thread that starts a run (a logging MDC, the current trace, a tenant
 * or security principal held in a {@code ThreadLocal}) to every thread that runs the run's code.
 * Set it with {@link RunOptions#propagate(ContextPropagator)}; {@code taskwire-context} has one for
 * every {@code ThreadLocalAccessor} of Micrometer's context-propagation library, and {@code
 * taskwire-opentelemetry} one that adds a span per run and per task attempt.
 *
 * <p>{@link #capture()} is called once per run, on the thread that calls {@code run()} or {@code
 * start()}. The snapshot it returns is restored around each call the run makes into user code, on
 * whichever thread makes it, and the scope closed right after: each attempt of a task method and
 * each fan-out element ({@link Snapshot#restore(TaskEvent)}), each listener event and each
 * result-store call ({@link Snapshot#restore()}). Closing the scope puts back what the thread had
 * before, so nothing of the run's context stays on a pooled thread, and nothing one task changes in
 * it reaches the next.
 *
 * <p>A propagator that throws costs the run nothing but its context: the problem is logged once per
 * run, and the run goes on as it would without it.
 */
@FunctionalInterface
public interface ContextPropagator {
  /** On the thread that starts the run: the context to carry. */
  Snapshot capture();

  /** A captured context, the one of a single run. */
  @FunctionalInterface
  interface Snapshot {
    /**
     * Makes this context current on this thread until the returned scope is closed, on this same
     * thread: around listener events and result-store calls, and around task calls unless {@link
     * #restore(TaskEvent)} says otherwise.
     */
    Scope restore();

    /**
     * Around one call of a task method, or of one element of a fan-out task: {@code call} is the
     * attempt's {@link TaskListener#taskStarted} event (the task, its element and attempt, this
     * thread). The default restores the same context for every call; a propagator that makes a
     * per-attempt context current (a span of the attempt) overrides it.
     */
    default Scope restore(TaskEvent call) {
      return restore();
    }

    /**
     * A listener of this run's events only, or null (the default): a snapshot that keeps state per
     * task (a span per attempt) learns of the run's tasks through it. It is told of the run's
     * events after the listeners of the run's options, in the order the propagators were added.
     */
    default TaskListener listener() {
      return null;
    }
  }

  /** A restored context; closing it puts back what the thread had before. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The part of a propagator's context that travels with a task dispatched to another JVM, as text
   * (a W3C {@code traceparent}, a request id). A propagator implements it besides {@link
   * ContextPropagator}; the worker that runs dispatched tasks is given one too (for Hazelcast:
   * {@code HazelcastConfigs.propagate}).
   */
  interface Remote {
    /**
     * On the thread that dispatches a task, inside its {@link Snapshot#restore(TaskEvent)}: adds
     * the fields to send. Names and values must not contain a line break.
     */
    void inject(Map<String, String> fields);

    /**
     * On the worker, around the dispatched call of {@code task}: makes current what {@link #inject}
     * wrote on the driver (the fields may be empty).
     *
     * @param pipeline the pipeline class's name
     * @param task the task's name
     * @param attempt the attempt on the driver, 1 for the first
     */
    Scope restore(Map<String, String> fields, String pipeline, String task, int attempt);
  }
}
