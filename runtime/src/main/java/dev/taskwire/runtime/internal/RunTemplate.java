package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.SharedLimit;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.remote.TaskDispatcher;
import dev.taskwire.runtime.serial.AllowList;
import dev.taskwire.runtime.store.ResultStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;

/**
 * What every run of one generated runner shares: the graph, the invoker that calls the task
 * methods, and the options, read once. A runner creates one and starts each run from it, so that a
 * run refers to all of this through one field instead of copying each part.
 */
public final class RunTemplate {
  final GraphTable graph;
  final TaskInvoker invoker;
  final Executor executor;

  /** Null when no listener is registered. */
  final Listeners listeners;

  final boolean keepGoing;

  /** Null unless the options have one and the graph has dispatched tasks. */
  final TaskDispatcher dispatcher;

  /** Null unless the options name one. */
  final ResultStore resultStore;

  /** The whole run's time limit, 0 for none. */
  final long deadlineNanos;

  /** What RunOptions.allowDeserializing added to every result's allow-list; usually empty. */
  final Set<String> allowedClasses;

  /** The options' context propagators; null when there are none. */
  final List<ContextPropagator> propagators;

  /** The options' shared limits by name, for element graphs; empty if none. */
  private final Map<String, SharedLimit> limitsByName;

  /** Per task, the shared limit it takes a permit of, or null; null if no task names one. */
  final LimitPermits[] limits;

  /** Whether runs need a {@link RunFeatures}: when nothing here asks for one, a run has none. */
  final boolean needsFeatures;

  private RunTemplate(
      GraphTable graph,
      TaskInvoker invoker,
      Executor executor,
      Listeners listeners,
      boolean keepGoing,
      TaskDispatcher dispatcher,
      ResultStore resultStore,
      long deadlineNanos,
      Set<String> allowedClasses,
      List<ContextPropagator> propagators,
      Map<String, SharedLimit> limitsByName) {
    this.graph = graph;
    this.limitsByName = limitsByName;
    this.limits = limitsOf(graph, limitsByName);
    this.propagators = propagators.isEmpty() ? null : propagators;
    this.allowedClasses = allowedClasses;
    this.invoker = propagators.isEmpty() ? invoker : new ContextInvoker(invoker);
    this.executor = executor;
    this.listeners = listeners;
    this.keepGoing = keepGoing;
    this.dispatcher = graph.hasDispatchedTasks() ? dispatcher : null;
    this.resultStore = resultStore;
    this.deadlineNanos = deadlineNanos;
    this.needsFeatures =
        listeners != null
            || resultStore != null
            || deadlineNanos > 0
            || needsAttempts()
            || graph.hasFanOuts()
            || this.propagators != null
            || limits != null;
  }

  /**
   * Each task's shared limit, found by the name it gives; null if no task names one.
   *
   * @throws IllegalArgumentException if a task names a limit that {@code limitsByName} lacks
   */
  private static LimitPermits[] limitsOf(GraphTable graph, Map<String, SharedLimit> limitsByName) {
    LimitPermits[] limits = null;
    for (int task = 0; task < graph.size(); task++) {
      String name = graph.limitOf(task);
      if (name == null) {
        continue;
      }
      SharedLimit limit = limitsByName.get(name);
      if (limit == null) {
        throw new IllegalArgumentException(
            "task '"
                + graph.name(task)
                + "' of "
                + graph.pipeline()
                + " takes a permit of limit '"
                + name
                + "', which the run's options do not set: add RunOptions.limit(\""
                + name
                + "\", n), n being how many of its calls may run at once");
      }
      if (graph.isFanOut(task)) {
        continue; // its elements take the permits, each its own, never the task itself
      }
      if (limits == null) {
        limits = new LimitPermits[graph.size()];
      }
      limits[task] = (LimitPermits) limit; // RunOptions.limit makes every one
    }
    return limits;
  }

  /** The shared limit {@code task} takes a permit of, or null. */
  LimitPermits limitOf(int task) {
    return limits == null ? null : limits[task];
  }

  /** The template of the runs of {@code graph} whose tasks {@code invoker} calls. */
  public static RunTemplate of(TaskGraph graph, TaskInvoker invoker, RunOptions options) {
    Objects.requireNonNull(options, "options");
    return new RunTemplate(
        GraphTable.of(Objects.requireNonNull(graph, "graph")),
        Objects.requireNonNull(invoker, "invoker"),
        options.executor(),
        Listeners.of(options.listeners()),
        options.failurePolicy() == FailurePolicy.KEEP_GOING,
        options.dispatcher(),
        options.resultStore(),
        options.deadline() == null ? 0 : options.deadline().toNanos(),
        options.allowedClasses(),
        options.propagators(),
        options.limits());
  }

  /**
   * The template of a fan-out's element runs: {@code elements} with {@code invoker}, on this
   * template's executor, listeners, dispatcher and result store (each element's result is kept on
   * its own), under its failure policy unless {@code elementsKeepGoing}; no deadline or context of
   * their own (the fan-out task has those; its elements restore its run's context).
   */
  RunTemplate forElements(GraphTable elements, TaskInvoker invoker, boolean elementsKeepGoing) {
    return new RunTemplate(
        elements,
        invoker,
        executor,
        listeners,
        keepGoing || elementsKeepGoing,
        dispatcher,
        resultStore,
        0,
        allowedClasses,
        List.of(),
        limitsByName);
  }

  /** The classes a stored or dispatched result of {@code task} may hold, the options' included. */
  AllowList resultAllowList(int task) {
    return graph.resultAllowList(task).and(allowedClasses);
  }

  /** Whether runs count attempts: some task has a timeout or retries, or may be dispatched. */
  boolean needsAttempts() {
    return graph.hasPolicies() || dispatcher != null;
  }

  /**
   * Runs every task of {@code pipeline} and returns once the run has settled. The calling thread
   * runs ready tasks itself while it waits, so it also counts as one of the run's threads.
   *
   * <p>An interrupt of the calling thread cancels the run when it arrives while the thread waits or
   * between two tasks, or when the task it reaches ends with {@code InterruptedException}. An
   * interrupt status that a task leaves set when it returns (one it set on itself, or one it
   * received and kept, since the two look the same) is the task's: it does not cancel the run and
   * is cleared before the thread runs another task, as on a pool thread; but it is not lost: the
   * thread has it again when this method returns or throws.
   *
   * @param pipeline the object whose task methods the invoker calls ({@link
   *     PipelineRun#pipeline()})
   * @throws PipelineException if a task failed
   * @throws CancellationException if the run was cancelled, or the calling thread was interrupted
   *     (which cancels the run; the interrupt status stays set)
   */
  public PipelineRun run(Object pipeline) {
    return new Scheduler(this, pipeline, null, null).runHere();
  }

  /**
   * A what-if run, as {@link #run(Object)}: the tasks {@code supplied} has values for do not run,
   * and neither do the tasks only they need; with no values supplied (null), a run of every task.
   */
  public PipelineRun run(Object pipeline, SuppliedValues supplied) {
    return supplied == null
        ? run(pipeline)
        : new Scheduler(this, pipeline, RunPlan.supplying(graph, supplied, null), null).runHere();
  }

  /** A run of an invoker that needs no pipeline object; see {@link #run(Object)}. */
  public PipelineRun run() {
    return run(null);
  }

  /**
   * Runs only the tasks {@code targets} (indices in the graph) and the tasks they depend on,
   * directly or not, as {@link #run(Object)} does; no other task runs. With values {@code supplied}
   * (else null), as {@link #run(Object, SuppliedValues)} says, for these targets.
   *
   * @throws IllegalArgumentException if {@code targets} is empty
   */
  public PipelineRun runOnly(Object pipeline, SuppliedValues supplied, int[] targets) {
    return new Scheduler(this, pipeline, plan(supplied, targets), null).runHere();
  }

  private RunPlan plan(SuppliedValues supplied, int[] targets) {
    return supplied == null
        ? RunPlan.only(graph, targets)
        : RunPlan.supplying(graph, supplied, targets);
  }

  /** Starts running every task of {@code pipeline} and returns at once. */
  public PipelineRun start(Object pipeline) {
    return new Scheduler(this, pipeline, null, null).startHere();
  }

  /** Starts a what-if run; see {@link #run(Object, SuppliedValues)}. */
  public PipelineRun start(Object pipeline, SuppliedValues supplied) {
    return supplied == null
        ? start(pipeline)
        : new Scheduler(this, pipeline, RunPlan.supplying(graph, supplied, null), null).startHere();
  }

  /** Starts a run of an invoker that needs no pipeline object; see {@link #start(Object)}. */
  public PipelineRun start() {
    return start(null);
  }

  /** Starts only {@code targets} and the tasks they depend on; see {@link #runOnly}. */
  public PipelineRun startOnly(Object pipeline, SuppliedValues supplied, int[] targets) {
    return new Scheduler(this, pipeline, plan(supplied, targets), null).startHere();
  }

  /**
   * Runs again what the run that threw {@code failure} left undone: every task that failed, was
   * cancelled or did not run, and everything downstream of them. Every other task keeps its result
   * and does not run again. A run of some targets resumes only those targets.
   *
   * @throws IllegalArgumentException if {@code failure} did not come from a run of this graph
   */
  public PipelineRun resume(Object pipeline, PipelineException failure) {
    return Resumption.resume((Scheduler) PipelineRun.of(failure, graph), this, pipeline);
  }
}
