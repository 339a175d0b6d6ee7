package dev.taskwire.runtime;

/**
 * Carries the context of the thread that starts a run (a logging MDC, the current trace, a tenant
 * or security principal held in a {@code ThreadLocal}) to every thread that runs the run's code.
 * Set it with {@link RunOptions#propagate(ContextPropagator)}; {@code taskwire-context} has one for
 * every {@code ThreadLocalAccessor} of Micrometer's context-propagation library.
 *
 * <p>{@link #capture()} is called once per run, on the thread that calls {@code run()} or {@code
 * start()}. The snapshot it returns is {@linkplain Snapshot#restore() restored} around each piece
 * of the run's code that runs on a thread, whichever thread that is, and the scope closed right
 * after: a task's method (each attempt, each fan-out element), and what follows an async task's
 * future or a timeout (the result store, listeners, and the dependents started there). So listeners
 * see the run's context too. Closing the scope puts back what the thread had before, so nothing of
 * the run's context stays on a pooled thread, and nothing one task changes in it reaches the next.
 *
 * <p>A propagator that throws costs the run nothing but its context: the problem is logged once per
 * run, and the run goes on as it would without it.
 */
@FunctionalInterface
public interface ContextPropagator {
  /** On the thread that starts the run: the context to carry. */
  Snapshot capture();

  /** A captured context. */
  @FunctionalInterface
  interface Snapshot {
    /**
     * Makes this context current on this thread until the returned scope is closed, on this same
     * thread.
     */
    Scope restore();
  }

  /** A restored context; closing it puts back what the thread had before. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
