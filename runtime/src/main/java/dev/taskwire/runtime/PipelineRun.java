package dev.taskwire.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * One run of a pipeline: the scheduler. Generated runners start it and read results from it;
 * users normally see it only through the generated {@code Results} and {@code Execution}.
 *
 * <h2>Scheduling</h2>
 *
 * Each task has a counter of prerequisites that have not yet succeeded. The thread that brings a
 * counter to zero makes that task ready; the task then runs exactly once. A thread that finishes
 * a task continues with one newly ready dependent itself; further ready tasks go on a stack of
 * the run, and a helper is handed to the executor to take them, so independent tasks run in
 * parallel. {@link #run} lends the calling thread to the run: it takes ready tasks from the stack
 * itself instead of parking, so small graphs run without any hand-off between threads. An async
 * task's method runs like a sync task, then no thread waits: the completion of its stage makes
 * its dependents ready, which then run on the run's threads, never on the thread that completed
 * the stage.
 *
 * <h2>Failure and cancellation</h2>
 *
 * On the first failure (fail-fast) or on {@link #cancel()}, the run stops: no task starts any
 * more, running sync tasks are interrupted and pending async stages are cancelled (a stage's
 * outcome after that is disregarded). The run is <em>settled</em> once no task code of it is
 * running, and only then does {@link #await()} return or throw: after it, no thread runs task
 * code for this run. A sync task that ignores interrupts therefore delays {@code await()}.
 *
 * <h2>Memory visibility</h2>
 *
 * Actions of a task happen-before the start of every task that depends on it, and actions of
 * every task happen-before {@link #await()} (or {@link #run}) returns or throws and before a
 * future from {@link #future(int)} completes. A task therefore sees everything its prerequisites
 * did, with no extra synchronization in user code.
 */
public final class PipelineRun {
  // A task's status: a positive count of prerequisites that have not succeeded yet, 0 once it is
  // ready, then one of these. Tasks that never ran keep a count >= 0.
  private static final int RUNNING = -1;
  /** Briefly, while the finishing thread stores the outcome; claimed by CAS from RUNNING. */
  private static final int COMPLETING = -2;
  static final int SUCCEEDED = -3;
  private static final int FAILED = -4;
  private static final int CANCELLED = -5;
  /** Failed an attempt and waits (on the timer, holding no thread) to be retried. */
  private static final int RETRY_WAIT = -6;

  // The run's phase: ACTIVE moves once, to exactly one of the other three.
  private static final int ACTIVE = 0;
  private static final int SUCCEEDED_RUN = 1;
  private static final int FAILING = 2;
  private static final int CANCELLING = 3;

  /** The ready stack's end marker. */
  private static final int EMPTY = -1;

  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle OBJECTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle PHASE;
  private static final VarHandle ACTIVE_TASKS;
  private static final VarHandle READY_HEAD;
  private static final VarHandle PENDING_HELPERS;
  private static final VarHandle FUTURES;
  private static final VarHandle FAILURES;
  private static final VarHandle NEXT_SOURCE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PHASE = lookup.findVarHandle(PipelineRun.class, "phase", int.class);
      ACTIVE_TASKS = lookup.findVarHandle(PipelineRun.class, "activeTasks", int.class);
      READY_HEAD = lookup.findVarHandle(PipelineRun.class, "readyHead", int.class);
      PENDING_HELPERS = lookup.findVarHandle(PipelineRun.class, "pendingHelpers", int.class);
      FUTURES = lookup.findVarHandle(PipelineRun.class, "futures", RequestedFutures.class);
      FAILURES = lookup.findVarHandle(PipelineRun.class, "failures", Failures.class);
      NEXT_SOURCE = lookup.findVarHandle(PipelineRun.class, "nextSource", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TaskGraph graph;
  private final TaskInvoker invoker;
  private final Executor executor;
  /** Null when no listener is registered, the common case. */
  private final Listeners listeners;
  private final boolean keepGoing;
  private final long deadlineNanos;
  /** Null unless some task has a timeout or retries, or tasks are dispatched. */
  private final Attempts attempts;
  /** Null unless the options name a result store. */
  private final StoredResults stored;
  /** Null unless the options have one and the graph has dispatched tasks. */
  private final TaskDispatcher dispatcher;
  /** The whole run's deadline timer, if RunOptions set one. */
  private volatile ScheduledFuture<?> deadline;
  /** Per task, see RUNNING etc.; accessed through {@link #INTS}. */
  private final int[] status;
  /** A task's value once SUCCEEDED, its exception once FAILED or CANCELLED. */
  private final Object[] values;
  /** The thread running a sync task, or the pending stage of an async task, for stopping. */
  private final Object[] inFlight;
  /** Links of the ready stack: the task below each one. Published by the CAS on readyHead. */
  private final int[] belowInStack;
  /** The tasks ready at the start. */
  private final int[] sources;
  /** Per task, whether this run includes it; null when it includes every task. */
  private final boolean[] included;
  /** For the elements of a fan-out task: the run that task belongs to; otherwise null. */
  private final PipelineRun parent;
  /** For the elements of a fan-out task: that task's index in the parent; otherwise -1. */
  private final int parentTask;
  /** For the elements of a fan-out task: how many may be in the run at once; 0 for no limit. */
  private final int throttle;
  /** With a throttle: the next source to release when a task leaves. */
  private volatile int nextSource;
  /** For the elements of a fan-out task: tells the parent that they have all ended. */
  private Runnable onSettled;
  /** For listeners: how many tasks the run set out to run. */
  private int plannedTasks;
  /**
   * Per fan-out task whose elements did not all succeed, their run, so that a resume can keep the
   * elements that did; null for a graph without fan-outs.
   */
  private final PipelineRun[] unfinishedElements;
  /** In a resumed run: the previous run's {@link #unfinishedElements} that still apply. */
  private PipelineRun[] resumedElements;

  private volatile int readyHead = EMPTY;
  /** Tasks that are ready or running; the run settles when it drops to zero. */
  private volatile int activeTasks;
  /** Helpers handed to the executor that have not started yet. */
  private volatile int pendingHelpers;
  private volatile int phase = ACTIVE;
  /** Set once no task will start or end any more, before requested futures are completed. */
  private volatile boolean ended;
  /** Set after that, so that await() returns only once every requested future is complete. */
  private volatile boolean settled;
  /** The thread in {@link #run} while it parks for work, so that new work can wake it. */
  private volatile Thread parkedCaller;
  private volatile RequestedFutures futures;
  /** The thread in {@link #run}, if any; only ever compared with the current thread. */
  private Thread caller;
  /** Set by the caller of {@link #run} when a task it ran was interrupted from outside. */
  private boolean callerInterrupted;
  /** Created on first use; a benign race at worst creates two equal helpers. */
  private Runnable helper;
  /** Created on the first failure. */
  private volatile Failures failures;

  private PipelineRun(TaskGraph graph, TaskInvoker invoker, RunOptions options, RunPlan plan) {
    this(graph, invoker, options.executor(), options.listeners(),
        options.failurePolicy() == FailurePolicy.KEEP_GOING, options.deadlineNanos(),
        options.dispatcher(), plan,
        options.resultStore() == null ? null : new StoredResults(options.resultStore(), graph),
        null, -1, 0);
  }

  private PipelineRun(
      TaskGraph graph, TaskInvoker invoker, Executor executor, Listeners listeners,
      boolean keepGoing, long deadlineNanos, TaskDispatcher dispatcher, RunPlan plan,
      StoredResults stored,
      PipelineRun parent, int parentTask, int throttle) {
    this.stored = stored;
    this.graph = graph;
    this.invoker = invoker;
    this.executor = executor;
    this.listeners = listeners;
    this.keepGoing = keepGoing;
    this.dispatcher = graph.hasDispatchedTasks() ? dispatcher : null;
    this.attempts =
        graph.hasPolicies() || this.dispatcher != null
            ? new Attempts(graph, this.dispatcher == null ? 0 : dispatcher.rerunsWhenWorkerLost())
            : null;
    this.deadlineNanos = deadlineNanos;
    this.status = plan.status;
    this.values = plan.values;
    this.sources = plan.sources;
    this.included = plan.included;
    this.inFlight = new Object[graph.size()];
    this.belowInStack = new int[graph.size()];
    this.parent = parent;
    this.parentTask = parentTask;
    this.throttle = throttle;
    this.unfinishedElements = graph.hasFanOuts() ? new PipelineRun[graph.size()] : null;
  }

  /**
   * Runs every task of {@code graph} and returns once the run has settled. The calling thread
   * runs ready tasks itself while it waits, so it also counts as one of the run's threads.
   *
   * @throws PipelineException if a task failed
   * @throws CancellationException if the run was cancelled, or the calling thread was interrupted
   *     (which cancels the run; the interrupt status stays set)
   */
  public static PipelineRun run(TaskGraph graph, TaskInvoker invoker, RunOptions options) {
    return new PipelineRun(graph, invoker, options, RunPlan.everything(graph)).runHere();
  }

  /**
   * Runs only the tasks {@code targets} (indices in {@code graph}) and the tasks they depend on,
   * directly or not, as {@link #run(TaskGraph, TaskInvoker, RunOptions)} does; no other task runs.
   *
   * @throws IllegalArgumentException if {@code targets} is empty
   */
  public static PipelineRun run(
      TaskGraph graph, TaskInvoker invoker, RunOptions options, int... targets) {
    return new PipelineRun(graph, invoker, options, RunPlan.only(graph, targets)).runHere();
  }

  /** Starts running every task of {@code graph} on the executor and returns at once. */
  public static PipelineRun start(TaskGraph graph, TaskInvoker invoker, RunOptions options) {
    return new PipelineRun(graph, invoker, options, RunPlan.everything(graph)).startHere();
  }

  /** Starts only {@code targets} and the tasks they depend on; see {@link #run(TaskGraph, TaskInvoker, RunOptions, int...)}. */
  public static PipelineRun start(
      TaskGraph graph, TaskInvoker invoker, RunOptions options, int... targets) {
    return new PipelineRun(graph, invoker, options, RunPlan.only(graph, targets)).startHere();
  }

  /**
   * Runs again what the run that threw {@code failure} left undone: every task that failed, was
   * cancelled or did not run, and everything downstream of them. Every other task keeps its
   * result and does not run again. A run of some targets resumes only those targets.
   *
   * @throws IllegalArgumentException if {@code failure} did not come from a run of {@code graph}
   */
  public static PipelineRun resume(
      PipelineException failure, TaskGraph graph, TaskInvoker invoker, RunOptions options) {
    PipelineRun previous = of(failure, graph);
    RunPlan plan = previous.remainder();
    PipelineRun run = new PipelineRun(graph, invoker, options, plan);
    if (previous.unfinishedElements != null) {
      // A fan-out whose inputs are kept gets the same elements: it keeps those that succeeded.
      run.resumedElements = new PipelineRun[graph.size()];
      for (int task = 0; task < graph.size(); task++) {
        boolean inputsKept = true;
        for (int prerequisite : graph.dependenciesOf(task)) {
          inputsKept &= plan.status[prerequisite] == SUCCEEDED;
        }
        if (inputsKept) {
          run.resumedElements[task] = previous.unfinishedElements[task];
        }
      }
    }
    return run.runHere();
  }

  /** What this settled run left undone, for a run that resumes it. */
  private RunPlan remainder() {
    boolean[] succeeded = new boolean[graph.size()];
    for (int task = 0; task < graph.size(); task++) {
      succeeded[task] = (int) INTS.getVolatile(status, task) == SUCCEEDED;
    }
    return RunPlan.resuming(graph, succeeded, values, included);
  }

  private PipelineRun runHere() {
    caller = Thread.currentThread();
    if (pushSources()) {
      workUntilSettled();
    }
    throwIfUnsuccessful();
    return this;
  }

  private PipelineRun startHere() {
    if (pushSources()) {
      signalHelper();
    }
    return this;
  }

  /** The graph this run executes. */
  public TaskGraph graph() {
    return graph;
  }

  /**
   * The run that threw {@code failure}, for reading the results of the tasks that succeeded;
   * generated runners expose it as {@code partialResults(PipelineException)}.
   *
   * @throws IllegalArgumentException if {@code failure} did not come from a run of {@code graph}
   */
  public static PipelineRun of(PipelineException failure, TaskGraph graph) {
    PipelineRun run = failure.run();
    if (run == null || run.graph != graph) {
      throw new IllegalArgumentException(
          "this PipelineException did not come from a run of " + graph.pipeline(), failure);
    }
    return run;
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
    if (!settled) {
      boolean interrupted = false;
      synchronized (this) {
        while (!settled) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
            cancel();
          }
        }
      }
      if (interrupted) {
        throw interruptedWhileWaiting();
      }
    }
    throwIfUnsuccessful();
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
    if ((int) INTS.getVolatile(status, task) != SUCCEEDED) {
      throw new IllegalStateException(
          "task '" + graph.name(task) + "' of " + graph.pipeline() + " has no result: "
              + describe(task));
    }
    return (T) values[task];
  }

  /**
   * One element of the collection a fan-out task runs for each of, for generated code; the
   * caller's type witness is safe because the processor checked it.
   */
  @SuppressWarnings("unchecked")
  public static <T> T element(Object element) {
    return (T) element;
  }

  /**
   * How task {@code task} ended, for generated code passing it to a parameter of type
   * {@link Outcome}; the caller's type witness is safe because the processor checked it.
   *
   * @throws IllegalStateException if the task neither succeeded nor failed
   */
  @SuppressWarnings("unchecked")
  public <T> Outcome<T> outcome(int task) {
    int state = (int) INTS.getVolatile(status, task);
    if (state == FAILED) {
      return Outcome.failure((Throwable) values[task]);
    }
    return Outcome.success((T) value(task));
  }

  /**
   * A future of task {@code task}'s result, completed when the task succeeds or fails, or when
   * the run settles without running it (exceptionally: with the run's {@link PipelineException}
   * if a task failed, with a {@link CancellationException} if it was cancelled). Each call
   * returns a new copy: completing or cancelling it affects neither the run nor other callers.
   */
  public <T> CompletableFuture<T> future(int task) {
    RequestedFutures requested = futures;
    if (requested == null) {
      RequestedFutures created = new RequestedFutures(this, graph.size());
      requested = (RequestedFutures) FUTURES.compareAndExchange(this, null, created);
      if (requested == null) {
        requested = created;
      }
    }
    return requested.copyOf(task);
  }

  /**
   * Whether this run sends its dispatched tasks to a {@link TaskDispatcher}; generated code then
   * calls {@link #dispatch} instead of the task method.
   */
  public boolean isDispatching() {
    return dispatcher != null;
  }

  /**
   * Sends the current attempt of task {@code task} to the dispatcher, for generated code; the run
   * waits for the returned stage without a thread, as for an async task.
   *
   * @param instance the pipeline object, or null for a static task method
   * @param arguments the task's arguments in parameter order
   */
  public CompletionStage<Object> dispatch(int task, Object instance, Object[] arguments) {
    return dispatcher.dispatch(new RemoteCall(graph.pipeline(), graph.fingerprint(),
        graph.name(task), attempts.current(task), instance, arguments));
  }

  /** Async tasks, and dispatched tasks when dispatching, end when a stage completes. */
  private boolean awaitsStage(int task) {
    return graph.kind(task) == TaskKind.ASYNC || dispatcher != null && graph.isDispatched(task);
  }

  // ---- the ready stack and the threads that take from it ----------------------------------

  /** Makes the sources ready; false if there are none (an empty graph, settled at once). */
  private boolean pushSources() {
    if (listeners != null && parent == null) {
      plannedTasks = tasksToRun();
      listeners.fire(TaskListener::runStarted, new RunEvent(graph.pipeline(), graph,
          System.nanoTime(), null, plannedTasks));
    }
    if (sources.length == 0) {
      settle();
      return false;
    }
    if (deadlineNanos > 0) {
      deadline = Timer.schedule(this::deadlinePassed, deadlineNanos);
    }
    // A throttle holds sources back: each is released when a task leaves, and takes its place.
    int released = throttle > 0 ? Math.min(throttle, sources.length) : sources.length;
    activeTasks = released;
    nextSource = released;
    for (int i = 0; i < released; i++) {
      taskEvent(TaskListener::taskScheduled, sources[i], null);
      push(sources[i]);
    }
    return true;
  }

  /** Each task is pushed at most once per run, so popping cannot suffer from ABA. */
  private void push(int task) {
    int head;
    do {
      head = readyHead;
      belowInStack[task] = head;
    } while (!READY_HEAD.compareAndSet(this, head, task));
  }

  private int pop() {
    int head;
    do {
      head = readyHead;
      if (head == EMPTY) {
        return EMPTY;
      }
    } while (!READY_HEAD.compareAndSet(this, head, belowInStack[head]));
    return head;
  }

  /** After a push: wake the parked caller of {@link #run} if there is one, else a helper. */
  private void wakeWorker() {
    Thread caller = parkedCaller;
    if (caller != null) {
      LockSupport.unpark(caller);
    } else {
      signalHelper();
    }
  }

  /**
   * Hands a helper to the executor unless one is already waiting to start. A helper that starts
   * and still sees work signals the next, so threads join as long as work remains, without a
   * submission per task.
   */
  private void signalHelper() {
    if (pendingHelpers == 0 && PENDING_HELPERS.compareAndSet(this, 0, 1)) {
      Runnable help = helper;
      if (help == null) {
        helper = help = this::help;
      }
      try {
        executor.execute(help);
      } catch (RuntimeException | Error rejected) {
        pendingHelpers = 0;
        failReadyTasks(rejected);
      }
    }
  }

  private void help() {
    PENDING_HELPERS.getAndAdd(this, -1);
    for (int task = pop(); task != EMPTY; task = pop()) {
      runPopped(task);
    }
  }

  /**
   * Runs a task taken from the stack. If more are waiting, another helper is signalled first so
   * that they run in parallel. That holds for async tasks too: their methods should only start
   * work and return, but one that blocks (say, until another task has started) must not keep
   * the tasks behind it from running.
   */
  private void runPopped(int task) {
    if (readyHead != EMPTY) {
      signalHelper();
    }
    runFrom(task);
  }

  /** The calling thread of {@link #run}: takes ready tasks until the run settles. */
  private void workUntilSettled() {
    boolean interrupted = false;
    while (!settled) {
      if (Thread.interrupted()) {
        interrupted = true;
        cancel();
      }
      int task = pop();
      if (task != EMPTY) {
        runPopped(task);
        continue;
      }
      parkedCaller = Thread.currentThread();
      // A push after this check sees parkedCaller and unparks us.
      if (readyHead == EMPTY && !settled) {
        LockSupport.park(this);
      }
      parkedCaller = null;
    }
    if (interrupted || callerInterrupted) {
      throw interruptedWhileWaiting();
    }
  }

  /**
   * The executor refused a helper: the tasks on the stack cannot run. The first fails with the
   * refusal as its cause, which stops the run; the rest then leave without running.
   */
  private void failReadyTasks(Throwable rejected) {
    int first = pop();
    if (first != EMPTY) {
      INTS.setVolatile(status, first, RUNNING);
      finish(first, null, rejected);
      for (int task = pop(); task != EMPTY; task = pop()) {
        runFrom(task);
      }
    }
  }

  // ---- running tasks -----------------------------------------------------------------------

  /** Runs {@code task}, then the ready dependents this thread keeps for itself. */
  private void runFrom(int task) {
    for (int next = task; next != EMPTY; ) {
      next = execute(next);
    }
  }

  /** Runs one task on this thread; returns a ready dependent to run next, or EMPTY. */
  private int execute(int task) {
    if (phase != ACTIVE || !INTS.compareAndSet(status, task, 0, RUNNING)) {
      return leave();
    }
    Thread thread = Thread.currentThread();
    OBJECTS.setVolatile(inFlight, task, thread);
    // stop() sets the phase, then scans in-flight slots: it either sees this thread or we see it.
    if (phase != ACTIVE) {
      Interrupts.release(inFlight, task, thread);
      return finish(task, null, new CancellationException("run stopped before the task started"));
    }
    taskEvent(TaskListener::taskStarted, task, null);
    if (stored != null) {
      Object[] inputs = inputsOf(task);
      Optional<Object> reused = inputs == null ? Optional.empty() : stored.lookUp(task, inputs);
      if (reused.isPresent()) {
        Interrupts.release(inFlight, task, thread);
        return finish(task, reused.get(), null);
      }
    }
    if (graph.isFanOut(task)) {
      return startElements(task, thread);
    }
    if (attempts != null) {
      attempts.arm(task, this);
    }
    Object returned;
    Throwable error = null;
    try {
      returned = invoker.invoke(task, this);
    } catch (Throwable thrown) {
      returned = null;
      error = thrown;
    }
    Interrupts.release(inFlight, task, thread);
    if (attempts != null && attempts.timedOutNow(task)) {
      // The timeout interrupted the call: whatever it returned, the attempt failed.
      cancelQuietly(returned);
      return finish(task, null, error);
    }
    if (error == null && awaitsStage(task)) {
      return awaitStage(task, returned);
    }
    return finish(task, returned, error);
  }

  /** The results {@code task} receives, or null if one of its prerequisites did not succeed. */
  private Object[] inputsOf(int task) {
    int[] prerequisites = graph.dependenciesOf(task);
    Object[] inputs = new Object[prerequisites.length];
    for (int i = 0; i < prerequisites.length; i++) {
      if ((int) INTS.getVolatile(status, prerequisites[i]) != SUCCEEDED) {
        return null; // an Outcome of a failure: run it rather than file it
      }
      inputs[i] = values[prerequisites[i]];
    }
    return inputs;
  }

  private static void cancelQuietly(Object returned) {
    if (returned instanceof CompletionStage<?> stage) {
      try {
        stage.toCompletableFuture().cancel(true);
      } catch (UnsupportedOperationException notCancellable) {
        // A stage that is not a CompletableFuture cannot be cancelled; we stop waiting for it.
      }
    }
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
    OBJECTS.setVolatile(inFlight, task, stage);
    if (phase != ACTIVE) {
      cancelStage(task);
    }
    // timeOut() marks, then reads the slot: it either saw the stage or we see the mark.
    if (attempts != null && attempts.timedOutNow(task)
        && OBJECTS.compareAndSet(inFlight, task, stage, null)) {
      cancelQuietly(stage);
      return finish(task, null, null);
    }
    int attempt = attempts == null ? 1 : attempts.current(task);
    try {
      stage.whenComplete(
          (value, failure) -> {
            if (attempts != null && attempts.current(task) != attempt) {
              return; // the stage of an earlier attempt, which timed out
            }
            // Never run user code on the thread that completed the stage.
            pushIfReady(finish(task, value, failure == null ? null : unwrap(failure)));
          });
    } catch (Throwable broken) {
      return finish(task, null, broken); // a stage implementation that refuses callbacks
    }
    return EMPTY;
  }

  private void pushIfReady(int task) {
    if (task != EMPTY) {
      push(task);
      wakeWorker();
    }
  }

  /**
   * Records how {@code task} ended and releases its dependents. Returns one ready dependent for
   * the calling thread to run next (it inherits this task's place in activeTasks), or EMPTY.
   */
  private int finish(int task, Object value, Throwable error) {
    if (attempts != null && !graph.isFanOut(task)) {
      attempts.disarm(task);
      error = attempts.failureOf(task, error);
      if (error != null && phase == ACTIVE && attempts.shouldRetry(task, error)) {
        return retryLater(task, error);
      }
    }
    // Claim the task first: stop() may have cancelled a pending async task, which then left.
    if (!INTS.compareAndSet(status, task, RUNNING, COMPLETING)) {
      return EMPTY;
    }
    if (error != null && attempts != null) {
      error = attempts.withEarlierFailures(task, error);
    }
    if (error == null) {
      if (stored != null) {
        stored.save(task, value);
      }
      values[task] = value;
      INTS.setVolatile(status, task, SUCCEEDED);
      if (awaitsStage(task)) {
        OBJECTS.setVolatile(inFlight, task, null);
      }
      taskEvent(TaskListener::taskSucceeded, task, null);
      publish(task);
      return phase == ACTIVE ? releaseDependents(task) : leave();
    }
    if (error instanceof InterruptedException && caller == Thread.currentThread()
        && phase == ACTIVE) {
      // Someone interrupted the thread in run() while it ran this task: that cancels the run.
      callerInterrupted = true;
      cancel();
    }
    // Once the run is stopping, interruptions and cancellations are our own doing, not failures.
    boolean causedByStop =
        phase != ACTIVE
            && (error instanceof CancellationException || error instanceof InterruptedException);
    values[task] = causedByStop ? cancellation(task, error) : error;
    INTS.setVolatile(status, task, causedByStop ? CANCELLED : FAILED);
    // Recorded before anyone hears of it: a listener or a future sees it among the failures.
    // A failure that every dependent takes as an Outcome is handled: the run goes on.
    if (!causedByStop && !graph.failureHandled(task)) {
      recordFailure(task, error);
    }
    taskEvent(causedByStop ? TaskListener::taskCancelled : TaskListener::taskFailed, task,
        (Throwable) values[task]);
    publish(task);
    if (causedByStop) {
      return leave();
    }
    return phase == ACTIVE ? releaseTolerantDependents(task) : leave();
  }

  private int releaseDependents(int task) {
    int next = EMPTY;
    boolean pushed = false;
    for (int dependent : graph.dependentsOf(task)) {
      if ((int) INTS.getAndAdd(status, dependent, -1) == 1) {
        taskEvent(TaskListener::taskScheduled, dependent, null);
        if (next == EMPTY) {
          next = dependent;
        } else {
          ACTIVE_TASKS.getAndAdd(this, 1);
          push(dependent);
          pushed = true;
        }
      }
    }
    if (pushed) {
      wakeWorker();
    }
    return next != EMPTY ? next : leave();
  }

  /** After a failure: the dependents that take the failed task's Outcome may now be ready. */
  private int releaseTolerantDependents(int task) {
    boolean pushed = false;
    for (int dependent : graph.tolerantDependentsOf(task)) {
      if ((int) INTS.getAndAdd(status, dependent, -1) == 1) {
        taskEvent(TaskListener::taskScheduled, dependent, null);
        ACTIVE_TASKS.getAndAdd(this, 1);
        push(dependent);
        pushed = true;
      }
    }
    if (pushed) {
      wakeWorker();
    }
    return leave();
  }

  /** A task left the run; the last one settles it. Always returns EMPTY, for tail calls. */
  private int leave() {
    if (throttle > 0) {
      int next = (int) NEXT_SOURCE.getAndAdd(this, 1);
      if (next < sources.length) {
        // The released source takes over the leaving task's place among the active ones.
        taskEvent(TaskListener::taskScheduled, sources[next], null);
        push(sources[next]);
        wakeWorker();
        return EMPTY;
      }
    }
    if ((int) ACTIVE_TASKS.getAndAdd(this, -1) == 1) {
      settle();
    }
    return EMPTY;
  }

  private void settle() {
    ScheduledFuture<?> timer = deadline;
    if (timer != null) {
      timer.cancel(false);
    }
    PHASE.compareAndSet(this, ACTIVE, failures != null ? FAILING : SUCCEEDED_RUN);
    ended = true;
    // A future requested from now on sees 'ended' and completes itself.
    RequestedFutures requested = futures;
    if (requested != null) {
      requested.publishAll();
    }
    if (listeners != null) {
      reportEnd();
    }
    settled = true;
    Thread caller = parkedCaller;
    if (caller != null) {
      LockSupport.unpark(caller);
    }
    synchronized (this) {
      notifyAll();
    }
    if (onSettled != null) {
      onSettled.run();
    }
  }

  // ---- fan-out tasks -----------------------------------------------------------------------

  /**
   * Starts the elements of fan-out task {@code task} as a run of their own: one independent task
   * per element, on this run's executor and listeners, under this run's failure policy and the
   * task's concurrency limit. The task holds no thread meanwhile; it ends when they all have.
   */
  private int startElements(int task, Thread thread) {
    Object[] elements;
    try {
      elements = elementsOf(values[graph.forEachSource(task)], graph.name(graph.forEachSource(task)));
    } catch (NullPointerException | IllegalArgumentException notAList) {
      Interrupts.release(inFlight, task, thread);
      return finish(task, null, notAList);
    }
    Interrupts.release(inFlight, task, thread);
    if (elements.length == 0) {
      return finish(task, graph.kind(task) == TaskKind.VOID ? null : List.of(), null);
    }
    TaskGraph elementGraph = graph.elementGraph(task, elements.length);
    PipelineRun before = resumedElements == null ? null : resumedElements[task];
    RunPlan plan = before != null && before.graph.size() == elements.length
        ? before.remainder()
        : RunPlan.everything(elementGraph);
    PipelineRun run = new PipelineRun(elementGraph,
        (element, elementRun) -> invoker.invokeEach(task, elements[element], this),
        executor, listeners, keepGoing, 0, dispatcher, plan, null,
        this, task, graph.maxConcurrency(task));
    run.onSettled = () -> elementsSettled(task, run);
    OBJECTS.setVolatile(inFlight, task, run);
    // stop() sets the phase, then scans in-flight slots: it either sees the elements or we see it.
    if (phase != ACTIVE) {
      run.cancel();
    }
    run.startHere();
    return EMPTY;
  }

  private static Object[] elementsOf(Object collection, String source) {
    if (collection == null) {
      throw new NullPointerException(
          "task '" + source + "' returned null instead of elements to run for");
    }
    if (collection instanceof Collection<?> list) {
      return list.toArray();
    }
    if (collection instanceof Iterable<?> iterable) {
      List<Object> list = new ArrayList<>();
      iterable.forEach(list::add);
      return list.toArray();
    }
    if (collection.getClass().isArray()) {
      Object[] elements = new Object[Array.getLength(collection)];
      Arrays.setAll(elements, i -> Array.get(collection, i));
      return elements;
    }
    throw new IllegalArgumentException(
        "task '" + source + "' returned a " + collection.getClass().getName()
            + ", which is neither an Iterable nor an array");
  }

  /** On the thread that ended the last element: the fan-out task ends the same way. */
  private void elementsSettled(int task, PipelineRun elements) {
    switch (elements.phase) {
      case SUCCEEDED_RUN:
        Object result = graph.kind(task) == TaskKind.VOID
            ? null
            : Collections.unmodifiableList(Arrays.asList(elements.values));
        pushIfReady(finish(task, result, null));
        break;
      case FAILING:
        unfinishedElements[task] = elements;
        Failures failed = elements.failures;
        pushIfReady(finish(task, null, failed.snapshot().values().iterator().next()));
        break;
      default:
        unfinishedElements[task] = elements;
        pushIfReady(finish(task, null, new CancellationException(
            "the elements of task '" + graph.name(task) + "' were cancelled")));
    }
    OBJECTS.setVolatile(inFlight, task, null);
  }

  /** The tasks this run includes and does not start out with a result of. */
  private int tasksToRun() {
    int count = 0;
    for (int task = 0; task < graph.size(); task++) {
      if (isIncluded(task) && (int) INTS.getVolatile(status, task) != SUCCEEDED) {
        count++;
      }
    }
    return count;
  }

  private boolean isIncluded(int task) {
    return included == null || included[task];
  }

  // ---- failure and stopping ---------------------------------------------------------------

  private void recordFailure(int task, Throwable error) {
    Failures recorded = failures;
    if (recorded == null) {
      Failures created = new Failures();
      recorded = (Failures) FAILURES.compareAndExchange(this, null, created);
      if (recorded == null) {
        recorded = created;
      }
    }
    if (OBJECTS.getVolatile(inFlight, task) instanceof PipelineRun elements
        && elements.failures != null) {
      recorded.addElements(task, elements.failures);
    } else {
      recorded.add(task, graph.name(task), error, attempts == null ? 1 : attempts.current(task));
    }
    if (!keepGoing) {
      stop(FAILING);
    }
    // Keeping going: the failed task's dependents never become ready, so they are skipped.
  }

  private Map<String, Throwable> failures() {
    Failures recorded = failures;
    return recorded == null ? Map.of() : recorded.snapshot();
  }

  private void throwIfUnsuccessful() {
    RuntimeException failure = failure();
    if (failure != null) {
      throw failure;
    }
  }

  /** What await() throws, created anew for each caller so its stack trace is the caller's. */
  private RuntimeException failure() {
    switch (phase) {
      case FAILING:
        return new PipelineException(graph.pipeline(), failures(), failures.firstAttempts())
            .from(this);
      case CANCELLING:
        CancellationException cancelled =
            new CancellationException("run of " + graph.pipeline() + " was cancelled");
        failures().values().forEach(cancelled::addSuppressed);
        return cancelled;
      default:
        return null;
    }
  }

  // ---- listeners ---------------------------------------------------------------------------

  private void taskEvent(BiConsumer<TaskListener, TaskEvent> method, int task, Throwable error) {
    if (listeners != null) {
      int attempt = attempts == null ? 1 : attempts.current(task);
      listeners.fire(method, parent == null
          ? new TaskEvent(graph.pipeline(), graph.name(task), task, attempt,
              Thread.currentThread(), System.nanoTime(), error)
          : new TaskEvent(graph.pipeline(), graph.name(task), parentTask, attempt,
              Thread.currentThread(), System.nanoTime(), error, task));
    }
  }

  /** Reports the tasks that did not run, then the run's end; a fan-out's parent reports those. */
  private void reportEnd() {
    if (parent != null) {
      return;
    }
    for (int task = 0; task < graph.size(); task++) {
      if ((int) INTS.getVolatile(status, task) >= 0 && isIncluded(task)) {
        taskEvent(TaskListener::taskSkipped, task, null);
      }
    }
    listeners.fire(TaskListener::runFinished,
        new RunEvent(graph.pipeline(), graph, System.nanoTime(), failure(), plannedTasks));
  }

  /** Called once the run has settled, with the thread's interrupt status to be restored. */
  private CancellationException interruptedWhileWaiting() {
    Thread.currentThread().interrupt();
    return new CancellationException("interrupted while waiting for " + graph.pipeline());
  }

  private boolean stop(int newPhase) {
    if (!PHASE.compareAndSet(this, ACTIVE, newPhase)) {
      return false;
    }
    for (int task = 0; task < graph.size(); task++) {
      Object running = OBJECTS.getVolatile(inFlight, task);
      if (running instanceof Thread thread) {
        Interrupts.interrupt(inFlight, task, thread);
      } else if (running instanceof CompletionStage) {
        cancelStage(task);
      } else if (running instanceof RetryWait) {
        cancelRetry(task);
      } else if (running instanceof PipelineRun elements) {
        elements.cancel(); // the fan-out task ends once its running elements have stopped
      }
    }
    return true;
  }

  /** Gives up on a pending async task: it counts as cancelled and its late completion is ignored. */
  private void cancelStage(int task) {
    if (OBJECTS.getVolatile(inFlight, task) instanceof CompletionStage<?> stage
        && INTS.compareAndSet(status, task, RUNNING, COMPLETING)) {
      values[task] = cancellation(task, null);
      INTS.setVolatile(status, task, CANCELLED);
      cancelQuietly(stage);
      OBJECTS.setVolatile(inFlight, task, null);
      taskEvent(TaskListener::taskCancelled, task, (Throwable) values[task]);
      publish(task);
      leave();
    }
  }

  // ---- timeouts, retries and the deadline ---------------------------------------------------

  /** The in-flight slot of a task waiting for its retry; published before the timer can fire. */
  private static final class RetryWait {
    volatile Future<?> timer;
  }

  /** Parks a failed attempt on the timer; no thread waits for the retry. */
  private int retryLater(int task, Throwable error) {
    if (!INTS.compareAndSet(status, task, RUNNING, RETRY_WAIT)) {
      return EMPTY;
    }
    long delay = attempts.failedAttempt(task, error);
    taskEvent(TaskListener::taskRetried, task, error);
    RetryWait wait = new RetryWait();
    OBJECTS.setVolatile(inFlight, task, wait);
    wait.timer = Timer.schedule(() -> retryNow(task, wait), delay);
    // stop() sets the phase, then scans in-flight slots: it either sees the wait or we see it.
    if (phase != ACTIVE) {
      cancelRetry(task);
    }
    return EMPTY;
  }

  private void retryNow(int task, RetryWait wait) {
    if (INTS.compareAndSet(status, task, RETRY_WAIT, 0)) {
      OBJECTS.compareAndSet(inFlight, task, wait, null);
      attempts.nextAttempt(task);
      push(task);
      wakeWorker();
    }
  }

  private void cancelRetry(int task) {
    if (INTS.compareAndSet(status, task, RETRY_WAIT, COMPLETING)) {
      if (OBJECTS.getVolatile(inFlight, task) instanceof RetryWait wait && wait.timer != null) {
        wait.timer.cancel(false);
      }
      OBJECTS.setVolatile(inFlight, task, null);
      values[task] = cancellation(task, attempts.lastFailure(task));
      INTS.setVolatile(status, task, CANCELLED);
      taskEvent(TaskListener::taskCancelled, task, (Throwable) values[task]);
      publish(task);
      leave();
    }
  }

  /** On the timer thread: attempt {@code attempt} of {@code task} ran out of time. */
  void timeOut(int task, int attempt) {
    if (attempts.current(task) != attempt || (int) INTS.getVolatile(status, task) != RUNNING) {
      return;
    }
    attempts.markTimedOut(task, attempt);
    Object running = OBJECTS.getVolatile(inFlight, task);
    if (running instanceof Thread thread) {
      Interrupts.interrupt(inFlight, task, thread); // its own thread then reports the timeout
    } else if (running instanceof CompletionStage<?>
        && OBJECTS.compareAndSet(inFlight, task, running, null)) {
      cancelQuietly(running);
      pushIfReady(finish(task, null, null));
    }
  }

  /** On the timer thread: the run's deadline passed. The first unfinished task takes the blame. */
  private void deadlinePassed() {
    if (phase != ACTIVE) {
      return;
    }
    int blamed = -1;
    for (int task = 0; task < graph.size() && blamed < 0; task++) {
      int state = (int) INTS.getVolatile(status, task);
      if (state == RUNNING || state == RETRY_WAIT || state == COMPLETING) {
        blamed = task;
      }
    }
    for (int task = 0; task < graph.size() && blamed < 0; task++) {
      if ((int) INTS.getVolatile(status, task) >= 0 && isIncluded(task)) {
        blamed = task; // ready or waiting: nothing was running at that instant
      }
    }
    if (blamed >= 0) {
      recordFailure(blamed, new TimeoutException(
          "run of " + graph.pipeline() + " passed its deadline of "
              + TaskPolicy.describe(deadlineNanos)
              + " while task '" + graph.name(blamed) + "' was unfinished"));
      stop(FAILING);
    }
  }

  // ---- futures and descriptions -----------------------------------------------------------

  private void publish(int task) {
    RequestedFutures requested = futures;
    if (requested != null) {
      requested.publish(task);
    }
  }

  /** Completes {@code future} with how task {@code task} ended, if it has ended. */
  void completeIfEnded(int task, CompletableFuture<Object> future) {
    switch ((int) INTS.getVolatile(status, task)) {
      case SUCCEEDED:
        future.complete(values[task]);
        break;
      case FAILED:
      case CANCELLED:
        future.completeExceptionally((Throwable) values[task]);
        break;
      default:
        if (ended) {
          future.completeExceptionally(
              phase == FAILING
                  ? new PipelineException(graph.pipeline(), failures()).from(this)
                  : new CancellationException(
                      "task '" + graph.name(task) + "' did not run: " + describe(task)));
        }
    }
  }

  /** Why a task has no result, in words for an exception message. */
  private String describe(int task) {
    switch ((int) INTS.getVolatile(status, task)) {
      case RUNNING:
      case COMPLETING:
        return "it is still running";
      case RETRY_WAIT:
        return "it is waiting to be retried";
      case FAILED:
        return "it failed with " + values[task];
      case CANCELLED:
        return "it was cancelled";
      case SUCCEEDED:
        return "it succeeded";
      default:
        if (!isIncluded(task)) {
          return "it was left out: it is neither a target of the run nor a prerequisite of one";
        }
        if (phase == FAILING) {
          return "it did not run because task '" + graph.name(blockingTask(task)) + "' failed";
        }
        if (phase == CANCELLING) {
          return "it did not run because the run was cancelled";
        }
        return "it has not run yet";
    }
  }

  /**
   * The task that kept {@code task} from running: a failed (or cancelled) task it depends on,
   * directly or through other tasks that did not run; else the run's first failure.
   */
  private int blockingTask(int task) {
    int current = task;
    while (true) {
      int notRun = -1;
      for (int prerequisite : graph.dependenciesOf(current)) {
        int state = (int) INTS.getVolatile(status, prerequisite);
        if (state == FAILED || state == CANCELLED) {
          return prerequisite;
        }
        if (state >= 0 && notRun < 0) {
          notRun = prerequisite;
        }
      }
      if (notRun < 0) {
        return failures.firstTask();
      }
      current = notRun;
    }
  }

  private CancellationException cancellation(int task, Throwable cause) {
    CancellationException cancelled =
        new CancellationException("task '" + graph.name(task) + "' was cancelled");
    if (cause != null) {
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
