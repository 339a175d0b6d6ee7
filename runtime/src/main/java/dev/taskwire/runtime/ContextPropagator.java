package dev.taskwire.runtime;

/**
 * Carries the context of the thread that starts a run (a logging MDC, the current trace, a tenant
 * or security principal held in a {@code ThreadLocal}) to every thread that runs the run's code.
 * Set it with {@link RunOptions#propagate(ContextPropagator)}; {@code taskwire-context} has one for
 * every {@code ThreadLocalAccessor} of Micrometer's context-propagation library.
 *
 * <p>{@link #capture()} is called once per run, on the thread that calls {@code run()} or {@code
 * start()}. The snapshot it returns is {@linkplain Snapshot#restore() restored} around each call
 * the run makes into user code, on whichever thread makes it, and the scope closed right after:
 * each attempt of a task method, each fan-out element, each listener event and each result-store
 * call. Closing the scope puts back what the thread had before, so nothing of the run's context
 * stays on a pooled thread, and nothing one task changes in it reaches the next.
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
