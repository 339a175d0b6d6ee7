package dev.taskwire.runtime;

import dev.taskwire.runtime.internal.LimitPermits;
import dev.taskwire.runtime.remote.TaskDispatcher;
import dev.taskwire.runtime.serial.AllowList;
import dev.taskwire.runtime.store.FileResultStore;
import dev.taskwire.runtime.store.ResultStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * How a pipeline runs. Immutable: every setting returns a changed copy, so one instance can be
 * shared by any number of runs and threads.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.defaults()
 *     .executor(myPool)                          // where sync tasks run
 *     .onFailure(FailurePolicy.KEEP_GOING)       // run what does not depend on a failure
 *     .deadline(Duration.ofMinutes(10))          // the whole run's time limit
 *     .listener(new MyProgressListener())        // events of the run and of every task
 *     .resultStore(FileResultStore.in(cache))    // reuse results across runs and processes
 *     .dispatcher(clusterDispatcher);            // where @Distributed tasks run
 * }</pre>
 *
 * <p>Per-task time limits and retries are declared on the task itself, with {@code @Task(timeout =
 * "30s", retries = 3)}.
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS =
      new RunOptions(
          null, List.of(), FailurePolicy.FAIL_FAST, 0, null, null, Set.of(), List.of(), Map.of());

  private final Executor executor;
  private final List<TaskListener> listeners;
  private final FailurePolicy failurePolicy;
  private final long deadlineNanos;
  private final ResultStore resultStore;
  private final TaskDispatcher dispatcher;
  private final Set<String> allowedClasses;
  private final List<ContextPropagator> propagators;

  /** By name: the shared limits set with {@link #limit}, the same objects in every copy. */
  private final Map<String, SharedLimit> limits;

  private RunOptions(
      Executor executor,
      List<TaskListener> listeners,
      FailurePolicy failurePolicy,
      long deadlineNanos,
      ResultStore resultStore,
      TaskDispatcher dispatcher,
      Set<String> allowedClasses,
      List<ContextPropagator> propagators,
      Map<String, SharedLimit> limits) {
    this.limits = limits;
    this.executor = executor;
    this.listeners = listeners;
    this.failurePolicy = failurePolicy;
    this.deadlineNanos = deadlineNanos;
    this.resultStore = resultStore;
    this.dispatcher = dispatcher;
    this.allowedClasses = allowedClasses;
    this.propagators = propagators;
  }

  /**
   * The default options: sync tasks run on a shared executor that never starves when tasks block.
   * On Java 21 and later it starts one virtual thread per task; on Java 17 it is a cached pool of
   * daemon threads that end after a few idle seconds. Either way it keeps no JVM alive.
   */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy whose sync tasks, and the calls that start async tasks, run on {@code executor}.
   * The run never shuts the executor down. An executor that runs fewer tasks at once than the
   * pipeline could only limits parallelism; it cannot deadlock a run, because no task ever waits
   * for another on a thread. A task may call {@code run()} of another pipeline on the same
   * executor, even when it holds the executor's last thread: the thread waiting in {@code run()}
   * works that run's tasks, its fan-out elements included. ({@code start().await()} waits without
   * working, so nested inside a task it needs a free thread.)
   *
   * <p>The executor must run or reject every task it is handed: a run hands it a helper only when
   * none is pending, so a helper dropped silently leaves the run waiting forever. Rejecting (by
   * throwing, as {@link ThreadPoolExecutor.AbortPolicy} does) fails the tasks that were ready, with
   * the rejection as their failure. {@link ThreadPoolExecutor.CallerRunsPolicy} works: the thread
   * handing over the work then takes the ready tasks itself; when a timeout, deadline or retry
   * hands work over, that is a {@code taskwire-caller-runs} thread, never the timer thread that
   * every run shares.
   *
   * @throws IllegalArgumentException if {@code executor} is a {@link ThreadPoolExecutor} whose
   *     handler drops work ({@link ThreadPoolExecutor.DiscardPolicy}, {@link
   *     ThreadPoolExecutor.DiscardOldestPolicy})
   */
  public RunOptions executor(Executor executor) {
    return new RunOptions(
        requireRunsOrRejects(Objects.requireNonNull(executor, "executor")),
        listeners,
        failurePolicy,
        deadlineNanos,
        resultStore,
        dispatcher,
        allowedClasses,
        propagators,
        limits);
  }

  /**
   * Returns a copy that also reports to {@code listener}; listeners are called in the order they
   * were added. With none, the scheduler pays one null check per event.
   */
  public RunOptions listener(TaskListener listener) {
    Objects.requireNonNull(listener, "listener");
    return new RunOptions(
        executor,
        plus(listeners, listener),
        failurePolicy,
        deadlineNanos,
        resultStore,
        dispatcher,
        allowedClasses,
        propagators,
        limits);
  }

  /**
   * Returns a copy with the given failure policy: {@link FailurePolicy#FAIL_FAST} (the default)
   * stops the run at the first failure, {@link FailurePolicy#KEEP_GOING} runs everything that does
   * not depend on a failed task.
   */
  public RunOptions onFailure(FailurePolicy policy) {
    return new RunOptions(
        executor,
        listeners,
        Objects.requireNonNull(policy, "policy"),
        deadlineNanos,
        resultStore,
        dispatcher,
        allowedClasses,
        propagators,
        limits);
  }

  /**
   * Returns a copy whose runs must finish within {@code deadline} of their start. When it passes,
   * the run stops as on a failure (even when keeping going): it fails with a {@code
   * TimeoutException} charged to the first task still unfinished.
   */
  public RunOptions deadline(Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive: " + deadline);
    }
    return new RunOptions(
        executor,
        listeners,
        failurePolicy,
        deadline.toNanos(),
        resultStore,
        dispatcher,
        allowedClasses,
        propagators,
        limits);
  }

  /**
   * Returns a copy whose runs reuse results kept in {@code store} and keep new ones there: a task
   * whose inputs match a stored result's is not called again, in this process or a later one. See
   * {@link ResultStore} for what the key covers, and {@link FileResultStore}.
   */
  public RunOptions resultStore(ResultStore store) {
    return new RunOptions(
        executor,
        listeners,
        failurePolicy,
        deadlineNanos,
        Objects.requireNonNull(store, "store"),
        dispatcher,
        allowedClasses,
        propagators,
        limits);
  }

  /**
   * Returns a copy whose runs send the bodies of {@code @Distributed} tasks to {@code dispatcher}
   * (another JVM, a cluster) instead of calling them here. Without one, every task runs locally.
   * Tasks that were not compiled as distributed are never dispatched.
   */
  public RunOptions dispatcher(TaskDispatcher dispatcher) {
    return new RunOptions(
        executor,
        listeners,
        failurePolicy,
        deadlineNanos,
        resultStore,
        Objects.requireNonNull(dispatcher, "dispatcher"),
        allowedClasses,
        propagators,
        limits);
  }

  /**
   * Returns a copy whose runs also accept objects of {@code classes} when they read a stored result
   * or the result of a dispatched task. Each run reads those back only through an allow-list that
   * the processor derived from the task's declared result type (see {@link AllowList}); name here
   * what it could not know, such as the implementations of an interface that a result holds. Each
   * class is admitted exactly, not its subclasses or what its fields hold (name those too). Members
   * of a cluster do not see run options: for what they read, use {@code @Distributed(allow = ...)}.
   */
  public RunOptions allowDeserializing(Class<?>... classes) {
    Set<String> more = new LinkedHashSet<>(allowedClasses);
    for (Class<?> type : classes) {
      more.add(Objects.requireNonNull(type, "class").getName());
    }
    return new RunOptions(
        executor,
        listeners,
        failurePolicy,
        deadlineNanos,
        resultStore,
        dispatcher,
        Set.copyOf(more),
        propagators,
        limits);
  }

  /**
   * Returns a copy that carries the context of the thread starting each run (a logging MDC, the
   * current trace, a tenant held in a {@code ThreadLocal}) to every thread that runs the run's
   * code, through {@code propagator}; see {@link ContextPropagator}. Propagators restore in the
   * order they were added and are closed in reverse. With none, a run pays nothing for this.
   */
  public RunOptions propagate(ContextPropagator propagator) {
    Objects.requireNonNull(propagator, "propagator");
    return new RunOptions(
        executor,
        listeners,
        failurePolicy,
        deadlineNanos,
        resultStore,
        dispatcher,
        allowedClasses,
        plus(propagators, propagator),
        limits);
  }

  /**
   * Returns a copy that bounds how many calls of the tasks naming limit {@code name}
   * ({@code @Task(limit = "automl")}) run at once to {@code permits}, across every run of every
   * runner that uses this copy or a copy made from it: share one options object (a static field, a
   * bean) to bound a whole JVM's calls, say the four trainings an AutoML account may have open.
   *
   * <p>A task takes a permit just before its attempt starts and gives it back when the attempt
   * ends, however it ends (it succeeded, failed, timed out or was cancelled); a retry's backoff
   * holds none. A task waiting for a permit holds no thread, and waiters get permits first come,
   * first served. Each element of a {@code @ForEach} task takes one. A runner whose pipeline names
   * a limit these options do not set refuses to run, naming it.
   *
   * @throws IllegalArgumentException if {@code name} is blank, {@code permits} is less than one, or
   *     this copy already sets {@code name}
   */
  public RunOptions limit(String name, int permits) {
    SharedLimit limit = new LimitPermits(name, permits);
    if (limits.containsKey(name)) {
      throw new IllegalArgumentException(
          "limit '" + name + "' is set already, to " + limits.get(name).permits());
    }
    Map<String, SharedLimit> more = new LinkedHashMap<>(limits);
    more.put(name, limit);
    return new RunOptions(
        executor,
        listeners,
        failurePolicy,
        deadlineNanos,
        resultStore,
        dispatcher,
        allowedClasses,
        propagators,
        Collections.unmodifiableMap(more));
  }

  /**
   * The limits set with {@link #limit}, by name, in the order set: each tells how many calls may
   * run at once ({@link SharedLimit#permits()}), and how many hold a permit or wait for one now.
   */
  public Map<String, SharedLimit> limits() {
    return limits;
  }

  /** The propagators added with {@link #propagate}, in that order; unmodifiable. */
  public List<ContextPropagator> propagators() {
    return propagators;
  }

  /** The names of the classes added with {@link #allowDeserializing}; unmodifiable. */
  public Set<String> allowedClasses() {
    return allowedClasses;
  }

  /** The dispatcher set with {@link #dispatcher(TaskDispatcher)}, or null for none. */
  public TaskDispatcher dispatcher() {
    return dispatcher;
  }

  /** The result store set with {@link #resultStore(ResultStore)}, or null for none. */
  public ResultStore resultStore() {
    return resultStore;
  }

  /** The whole run's time limit set with {@link #deadline(Duration)}, or null for none. */
  public Duration deadline() {
    return deadlineNanos == 0 ? null : Duration.ofNanos(deadlineNanos);
  }

  /** The failure policy, {@link FailurePolicy#FAIL_FAST} unless set. */
  public FailurePolicy failurePolicy() {
    return failurePolicy;
  }

  /**
   * The executor sync tasks run on: the one set with {@link #executor(Executor)}, or the default.
   */
  public Executor executor() {
    return executor != null ? executor : DefaultExecutor.get();
  }

  /** The listeners added with {@link #listener(TaskListener)}, in that order; unmodifiable. */
  public List<TaskListener> listeners() {
    return listeners;
  }

  /** Refuses the executors that are known to drop work silently; see {@link #executor}. */
  private static Executor requireRunsOrRejects(Executor executor) {
    if (executor instanceof ThreadPoolExecutor pool) {
      RejectedExecutionHandler handler = pool.getRejectedExecutionHandler();
      if (handler instanceof ThreadPoolExecutor.DiscardPolicy
          || handler instanceof ThreadPoolExecutor.DiscardOldestPolicy) {
        throw new IllegalArgumentException(
            "executor "
                + executor
                + " drops work it cannot take ("
                + handler.getClass().getSimpleName()
                + "), which would leave a run waiting forever: an executor must run or reject every"
                + " task it is handed; use AbortPolicy (the default) or CallerRunsPolicy");
      }
    }
    return executor;
  }

  private static <T> List<T> plus(List<T> list, T last) {
    List<T> more = new ArrayList<>(list);
    more.add(last);
    return List.copyOf(more);
  }

  @Override
  public String toString() {
    return "RunOptions{executor="
        + (executor != null ? executor : "default")
        + ", onFailure="
        + failurePolicy
        + (listeners.isEmpty() ? "" : ", listeners=" + listeners.size())
        + (resultStore != null ? ", resultStore=" + resultStore : "")
        + (dispatcher != null ? ", dispatcher=" + dispatcher : "")
        + (propagators.isEmpty() ? "" : ", propagators=" + propagators.size())
        + (limits.isEmpty() ? "" : ", limits=" + limits.values())
        + "}";
  }
}
