package dev.taskwire.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One run of a pipeline: the scheduler. Generated runners start it and read results from it;
 * users normally see it only through the generated {@code Results} and {@code Execution}.
 *
 * <h2>Scheduling</h2>
 *
 * Each task has a counter of prerequisites that have not yet succeeded. The thread that brings a
 * counter to zero makes that task ready; the task then runs exactly once. A thread that finishes
 * a task continues with one newly ready dependent itself and hands the others to the executor,
 * so a chain runs without hand-offs while independent tasks run in parallel. An async task's
 * method runs on the executor, then no thread waits: its stage's completion releases its
 * dependents, which are handed to the executor.
 *
 * <h2>Failure and cancellation</h2>
 *
 * On the first failure (fail-fast) or on {@link #cancel()}, the run stops: no task starts any
 * more, running sync tasks are interrupted and pending async stages are cancelled. The run is
 * <em>settled</em> once no task code of it is running, and only then does {@link #await()}
 * return or throw: after {@code await()} no thread runs task code for this run. A sync task that
 * ignores interrupts therefore delays {@code await()} until it returns.
 *
 * <h2>Memory visibility</h2>
 *
 * Actions of a task happen-before the start of every task that depends on it, and actions of
 * every task happen-before {@link #await()} returns or throws and before a future from
 * {@link #future(int)} completes. A task therefore sees everything its prerequisites did, with no
 * extra synchronization in user code.
 */
public final class PipelineRun {
  // A task's status: a positive count of prerequisites that have not succeeded yet, 0 once it is
  // ready, then one of these. Tasks that never ran keep a count >= 0.
  private static final int RUNNING = -1;
  private static final int SUCCEEDED = -2;
  private static final int FAILED = -3;
  private static final int CANCELLED = -4;

  // The run's phase: ACTIVE moves once, to exactly one of the other three.
  private static final int ACTIVE = 0;
  private static final int SUCCEEDED_RUN = 1;
  private static final int FAILING = 2;
  private static final int CANCELLING = 3;

  /** Marks an in-flight slot whose thread is being interrupted (see {@link #interrupt}). */
  private static final Object INTERRUPTING = new Object();

  private static final VarHandle PHASE;
  private static final VarHandle FUTURES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PHASE = lookup.findVarHandle(PipelineRun.class, "phase", int.class);
      FUTURES = lookup.findVarHandle(PipelineRun.class, "futures", AtomicReferenceArray.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TaskGraph graph;
  private final TaskInvoker invoker;
  private final Executor executor;
  private final AtomicIntegerArray status;
  /** A task's value once SUCCEEDED, its exception once FAILED or CANCELLED. */
  private final Object[] values;
  /** The thread running a sync task, or the pending stage of an async task, for stopping. */
  private final AtomicReferenceArray<Object> inFlight;
  /** Tasks handed to the executor or running; the run settles when it drops to zero. */
  private final AtomicInteger active = new AtomicInteger();
  private final CountDownLatch settledLatch = new CountDownLatch(1);

  private volatile int phase = ACTIVE;
  private volatile boolean settled;
  /** Futures a user asked for, created on first request so that runs without them pay nothing. */
  private volatile AtomicReferenceArray<CompletableFuture<Object>> futures;
  /** Every failure by task name, first first. Guarded by {@code this}. */
  private Map<String, Throwable> failures;

  private PipelineRun(TaskGraph graph, TaskInvoker invoker, Executor executor) {
    this.graph = graph;
    this.invoker = invoker;
    this.executor = executor;
    this.status = new AtomicIntegerArray(graph.prerequisiteCounts());
    this.values = new Object[graph.size()];
    this.inFlight = new AtomicReferenceArray<>(graph.size());
  }

  /** Starts running every task of {@code graph} and returns at once. */
  public static PipelineRun start(TaskGraph graph, TaskInvoker invoker, RunOptions options) {
    PipelineRun run = new PipelineRun(graph, invoker, options.executor());
    int[] sources = graph.sources();
    if (sources.length == 0) {
      run.settle();
      return run;
    }
    run.active.set(sources.length);
    for (int source : sources) {
      run.submit(source);
    }
    return run;
  }

  /** The graph this run executes. */
  public TaskGraph graph() {
    return graph;
  }

  /**
   * Waits until the run has settled (see the class comment).
   *
   * @throws PipelineException if a task failed
   * @throws CancellationException if the run was cancelled, or the waiting thread was
   *     interrupted (which cancels the run, waits for it to settle, and keeps the interrupt
   *     status set)
   */
  public void await() {
    try {
      settledLatch.await();
    } catch (InterruptedException interrupted) {
      cancel();
      awaitUninterruptibly();
      Thread.currentThread().interrupt();
      CancellationException cancelled =
          new CancellationException("interrupted while waiting for " + graph.pipeline());
      cancelled.initCause(interrupted);
      throw cancelled;
    }
    switch (phase) {
      case FAILING:
        throw new PipelineException(graph.pipeline(), failures());
      case CANCELLING:
        CancellationException cancelled =
            new CancellationException("run of " + graph.pipeline() + " was cancelled");
        failures().values().forEach(cancelled::addSuppressed);
        throw cancelled;
      default:
        return;
    }
  }

  /** Whether the run has settled: every task finished, or the run stopped and nothing runs. */
  public boolean isDone() {
    return settled;
  }

  /**
   * Stops the run: no task starts any more, running sync tasks are interrupted and pending async
   * stages are cancelled; {@link #await()} then throws {@link CancellationException}. Idempotent
   * and safe from any thread, including a task of this run.
   *
   * @return true if this call stopped the run; false if it had already finished, failed or been
   *     cancelled
   */
  public boolean cancel() {
    return stop(CANCELLING);
  }

  /**
   * The result of task {@code task}, for generated code. The caller's type witness is safe
   * because the processor checked it.
   *
   * @throws IllegalStateException if the task has not succeeded
   */
  @SuppressWarnings("unchecked")
  public <T> T value(int task) {
    if (status.get(task) != SUCCEEDED) {
      throw new IllegalStateException(
          "task '" + graph.name(task) + "' of " + graph.pipeline() + " has no result: "
              + describe(task));
    }
    return (T) values[task];
  }

  /**
   * A future of task {@code task}'s result, completed when the task succeeds or fails, or when
   * the run settles without running it (exceptionally: with the run's {@link PipelineException}
   * if a task failed, with a {@link CancellationException} if it was cancelled). Each call
   * returns a new copy: completing or cancelling it affects neither the run nor other callers.
   */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> future(int task) {
    AtomicReferenceArray<CompletableFuture<Object>> all = futures;
    if (all == null) {
      AtomicReferenceArray<CompletableFuture<Object>> created =
          new AtomicReferenceArray<>(graph.size());
      all = (AtomicReferenceArray<CompletableFuture<Object>>)
          FUTURES.compareAndExchange(this, null, created);
      if (all == null) {
        all = created;
      }
    }
    CompletableFuture<Object> future = all.get(task);
    if (future == null) {
      CompletableFuture<Object> created = new CompletableFuture<>();
      future = all.compareAndExchange(task, null, created);
      if (future == null) {
        future = created;
      }
    }
    // Either this check or the finishing thread's publish() sees the other's write.
    complete(task, future);
    // Not future.copy(): that would wrap a cancellation, so the copy would not report isCancelled.
    CompletableFuture<T> copy = new CompletableFuture<>();
    future.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            copy.complete((T) value);
          } else {
            copy.completeExceptionally(failure);
          }
        });
    return copy;
  }

  // ---- scheduling -------------------------------------------------------------------------

  private void submit(int task) {
    try {
      executor.execute(() -> runFrom(task));
    } catch (RejectedExecutionException rejected) {
      if (status.compareAndSet(task, 0, RUNNING)) {
        finish(task, null, rejected);
      }
    }
  }

  /** Runs {@code task}, then the ready dependents this thread keeps for itself. */
  private void runFrom(int task) {
    for (int next = task; next >= 0; ) {
      next = execute(next);
    }
  }

  /** Runs one task on this thread; returns a ready dependent to run next, or -1. */
  private int execute(int task) {
    if (phase != ACTIVE || !status.compareAndSet(task, 0, RUNNING)) {
      leave();
      return -1;
    }
    Thread thread = Thread.currentThread();
    inFlight.set(task, thread);
    // stop() sets the phase, then scans in-flight slots: it either sees this thread or we see it.
    if (phase != ACTIVE) {
      release(task, thread);
      return finish(task, null, new CancellationException("run stopped before the task started"));
    }
    Object returned;
    Throwable error = null;
    try {
      returned = invoker.invoke(task, this);
    } catch (Throwable thrown) {
      returned = null;
      error = thrown;
    }
    release(task, thread);
    if (error == null && graph.kind(task) == TaskKind.ASYNC) {
      return awaitStage(task, returned);
    }
    return finish(task, returned, error);
  }

  /** Continues inline if the stage is already complete; otherwise waits without a thread. */
  private int awaitStage(int task, Object returned) {
    if (!(returned instanceof CompletionStage<?> stage)) {
      return finish(task, null, new NullPointerException(
          "async task '" + graph.name(task) + "' returned null instead of a CompletionStage"));
    }
    // Only a plain CompletableFuture: subclasses such as minimal stages may refuse isDone().
    if (stage.getClass() == CompletableFuture.class && ((CompletableFuture<?>) stage).isDone()) {
      Object value;
      try {
        value = ((CompletableFuture<?>) stage).join();
      } catch (Throwable failure) {
        return finish(task, null, unwrap(failure));
      }
      return finish(task, value, null);
    }
    inFlight.set(task, stage);
    if (phase != ACTIVE) {
      cancelStage(task);
    }
    try {
      stage.whenComplete(
          (value, failure) -> {
            int next = finish(task, value, failure == null ? null : unwrap(failure));
            if (next >= 0) {
              submit(next); // never run user code on the thread that completed the stage
            }
          });
    } catch (Throwable broken) {
      return finish(task, null, broken); // a stage implementation that refuses callbacks
    }
    return -1;
  }

  /**
   * Records how {@code task} ended and releases its dependents. Returns one ready dependent for
   * the calling thread to run next (it inherits this task's place in {@link #active}), or -1.
   */
  private int finish(int task, Object value, Throwable error) {
    if (error == null) {
      values[task] = value;
      if (!status.compareAndSet(task, RUNNING, SUCCEEDED)) {
        return -1; // an async task cancelled by stop(), which already left
      }
      if (graph.kind(task) == TaskKind.ASYNC) {
        inFlight.set(task, null);
      }
      publish(task);
      return phase == ACTIVE ? releaseDependents(task) : leave();
    }
    // Once the run is stopping, interruptions and cancellations are our own doing, not failures.
    boolean causedByStop =
        phase != ACTIVE
            && (error instanceof CancellationException || error instanceof InterruptedException);
    values[task] = causedByStop ? cancellation(task, error) : error;
    if (!status.compareAndSet(task, RUNNING, causedByStop ? CANCELLED : FAILED)) {
      return -1;
    }
    if (!causedByStop) {
      recordFailure(task, error);
    }
    publish(task);
    return leave();
  }

  private int releaseDependents(int task) {
    int next = -1;
    for (int dependent : graph.dependentsOf(task)) {
      if (status.decrementAndGet(dependent) == 0) {
        if (next < 0) {
          next = dependent;
        } else {
          active.incrementAndGet();
          submit(dependent);
        }
      }
    }
    return next >= 0 ? next : leave();
  }

  /** A task left the run; the last one settles it. Always returns -1, for tail calls. */
  private int leave() {
    if (active.decrementAndGet() == 0) {
      settle();
    }
    return -1;
  }

  private void settle() {
    PHASE.compareAndSet(this, ACTIVE, SUCCEEDED_RUN);
    settled = true;
    AtomicReferenceArray<CompletableFuture<Object>> all = futures;
    if (all != null) {
      for (int task = 0; task < graph.size(); task++) {
        CompletableFuture<Object> future = all.get(task);
        if (future != null) {
          complete(task, future);
        }
      }
    }
    settledLatch.countDown();
  }

  // ---- failure and stopping ---------------------------------------------------------------

  private void recordFailure(int task, Throwable error) {
    synchronized (this) {
      if (failures == null) {
        failures = new LinkedHashMap<>();
      }
      failures.put(graph.name(task), error);
    }
    stop(FAILING);
  }

  private synchronized Map<String, Throwable> failures() {
    return failures == null ? Map.of() : new LinkedHashMap<>(failures);
  }

  private boolean stop(int newPhase) {
    if (!PHASE.compareAndSet(this, ACTIVE, newPhase)) {
      return false;
    }
    for (int task = 0; task < graph.size(); task++) {
      Object running = inFlight.get(task);
      if (running instanceof Thread thread) {
        interrupt(task, thread);
      } else if (running instanceof CompletionStage) {
        cancelStage(task);
      }
    }
    return true;
  }

  /**
   * Interrupts the thread running {@code task}, unless the task finishes first. The slot holds
   * {@link #INTERRUPTING} meanwhile, so that {@link #release} can wait and then clear the
   * interrupt: it must never leak into the next task a pool thread runs.
   */
  private void interrupt(int task, Thread thread) {
    if (inFlight.compareAndSet(task, thread, INTERRUPTING)) {
      try {
        thread.interrupt();
      } finally {
        inFlight.set(task, null);
      }
    }
  }

  private void release(int task, Thread thread) {
    if (!inFlight.compareAndSet(task, thread, null)) {
      while (inFlight.get(task) == INTERRUPTING) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
    }
  }

  /** Gives up on a pending async task: it counts as cancelled and its late completion is ignored. */
  private void cancelStage(int task) {
    if (inFlight.get(task) instanceof CompletionStage<?> stage
        && status.compareAndSet(task, RUNNING, CANCELLED)) {
      values[task] = cancellation(task, null);
      try {
        stage.toCompletableFuture().cancel(true);
      } catch (UnsupportedOperationException notCancellable) {
        // A stage that is not a CompletableFuture cannot be cancelled; we stop waiting for it.
      }
      inFlight.set(task, null);
      publish(task);
      leave();
    }
  }

  // ---- futures and descriptions -----------------------------------------------------------

  /** Completes the future a user asked for, if any, after {@code task} ended. */
  private void publish(int task) {
    AtomicReferenceArray<CompletableFuture<Object>> all = futures;
    if (all != null) {
      CompletableFuture<Object> future = all.get(task);
      if (future != null) {
        complete(task, future);
      }
    }
  }

  private void complete(int task, CompletableFuture<Object> future) {
    switch (status.get(task)) {
      case SUCCEEDED:
        future.complete(values[task]);
        break;
      case FAILED:
      case CANCELLED:
        future.completeExceptionally((Throwable) values[task]);
        break;
      default:
        if (settled) {
          future.completeExceptionally(
              phase == FAILING
                  ? new PipelineException(graph.pipeline(), failures())
                  : new CancellationException(
                      "task '" + graph.name(task) + "' did not run: " + describe(task)));
        }
    }
  }

  /** Why a task has no result, in words for an exception message. */
  private String describe(int task) {
    int state = status.get(task);
    switch (state) {
      case RUNNING:
        return "it is still running";
      case FAILED:
        return "it failed with " + values[task];
      case CANCELLED:
        return "it was cancelled";
      case SUCCEEDED:
        return "it succeeded";
      default:
        if (phase == FAILING) {
          return "it did not run because task '" + firstFailedTask() + "' failed";
        }
        if (phase == CANCELLING) {
          return "it did not run because the run was cancelled";
        }
        return "it has not run yet";
    }
  }

  private synchronized String firstFailedTask() {
    return failures == null ? "?" : failures.keySet().iterator().next();
  }

  private void awaitUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        settledLatch.await();
        break;
      } catch (InterruptedException again) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private CancellationException cancellation(int task, Throwable cause) {
    CancellationException cancelled =
        new CancellationException("task '" + graph.name(task) + "' was cancelled");
    if (cause != null && cause != cancelled) {
      cancelled.initCause(cause);
    }
    return cancelled;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
