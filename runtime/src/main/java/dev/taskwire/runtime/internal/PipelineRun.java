package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.remote.TaskDispatcher;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * One run of a pipeline: the scheduler. Generated runners start it from their {@link RunTemplate}
 * and read results from it; users normally see it only through the generated {@code Results} and
 * {@code Execution}.
 *
 * <h2>Scheduling</h2>
 *
 * Each task has a counter of prerequisites that have not yet succeeded. The thread that brings a
 * counter to zero makes that task ready; the task then runs exactly once. A thread that finishes a
 * task continues with one newly ready dependent itself; further ready tasks go on a stack of the
 * run, and a helper is handed to the executor to take them, so independent tasks run in parallel.
 * {@link RunTemplate#run()} lends the calling thread to the run: it takes ready tasks from the
 * stack itself instead of parking, so small graphs run without any hand-off between threads. An
 * async task's method runs like a sync task, then no thread waits: the completion of its stage
 * makes its dependents ready, which then run on the run's threads, never on the thread that
 * completed the stage. {@link RunTemplate#start()} calls the async methods that are ready at the
 * start on the calling thread, as hand-written code starts its calls, and leaves every sync task to
 * the executor.
 *
 * <h2>Allocation</h2>
 *
 * A run of every task with no listener, result store, deadline or per-task policy allocates this
 * object (64 bytes), one int array (each task's status, which also links the ready stack) and one
 * Object array (each task's value and what it has in flight); the graph and the options are shared
 * through the template, never copied. The run is its own helper (the Runnable handed to the
 * executor) and the callback of the stages it waits for, so neither costs an object: that is why
 * the class is abstract, with {@link SelfHelpingRun} as its one implementation, which keeps those
 * roles out of this public API. Everything only some runs need lives in a {@link RunExtras}.
 *
 * <h2>Failure and cancellation</h2>
 *
 * On the first failure (fail-fast) or on {@link #cancel()}, the run stops: no task starts any more,
 * running sync tasks are interrupted and pending async stages are cancelled (a stage's outcome
 * after that is disregarded). The run is <em>settled</em> once no task code of it is running, and
 * only then does {@link #await()} return or throw: after it, no thread runs task code for this run.
 * A sync task that ignores interrupts therefore delays {@code await()}.
 *
 * <h2>Memory visibility</h2>
 *
 * Actions of a task happen-before the start of every task that depends on it, and actions of every
 * task happen-before {@link #await()} (or {@link RunTemplate#run()}) returns or throws and before a
 * future from {@link #future(int)} completes. A task therefore sees everything its prerequisites
 * did, with no extra synchronization in user code.
 */
public abstract sealed class PipelineRun extends ReadyStack permits SelfHelpingRun {
  // A task's status: a positive count of prerequisites that have not succeeded yet, 0 once it is
  // ready (or, while it is on the ready stack, a positive link: see ReadyStack), then one of
  // these. Tasks that never ran keep a value >= 0.
  static final int RUNNING = -1;

  /** Briefly, while the finishing thread stores the outcome; claimed by CAS from RUNNING. */
  static final int COMPLETING = -2;

  static final int SUCCEEDED = -3;
  static final int FAILED = -4;
  static final int CANCELLED = -5;

  /** Failed an attempt and waits (on the timer, holding no thread) to be retried. */
  static final int RETRY_WAIT = -6;

  // The run's phase, the low bits of 'state': ACTIVE moves once, to exactly one of the others.
  private static final int ACTIVE = 0;
  static final int SUCCEEDED_RUN = 1;
  static final int FAILING = 2;
  static final int CANCELLING = 3;
  private static final int PHASE = 3;

  // The other bits of 'state'.
  /** No task will start or end any more; set before requested futures are completed. */
  private static final int ENDED = 4;

  /** Set after that, so that await() returns only once every requested future is complete. */
  private static final int SETTLED = 8;

  /** A task the caller of run() ran was interrupted from outside. */
  private static final int CALLER_INTERRUPTED = 16;

  /** Up to this many tasks, pending stages share one callback (see watchesStages()). */
  private static final int WATCHED_TASKS = 32;

  static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  static final VarHandle OBJECTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle STATE;
  private static final VarHandle ACTIVE_TASKS;
  private static final VarHandle FUTURES;
  private static final VarHandle FAILURES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(PipelineRun.class, "state", int.class);
      ACTIVE_TASKS = lookup.findVarHandle(PipelineRun.class, "activeTasks", int.class);
      FUTURES = lookup.findVarHandle(PipelineRun.class, "futures", RequestedFutures.class);
      FAILURES = lookup.findVarHandle(PipelineRun.class, "failures", Failures.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** What every run of its runner shares: the invoker, the executor, the options. */
  final RunTemplate template;

  /** The template's graph, which every step reads. */
  final GraphTable graph;

  /**
   * Two slots per task, in one array so that a run allocates one: {@code slots[task]} holds the
   * task's value once SUCCEEDED, its exception once FAILED or CANCELLED; {@code
   * slots[flight(task)]} holds what is in flight for it, for stopping: the thread running a sync
   * task, the pending stage of an async task, a retry's wait or a fan-out's element run.
   */
  final Object[] slots;

  /** What only some runs need; null in the common case, so that a run stays small. */
  private final RunExtras extras;

  /** Tasks that are ready or running; the run settles when it drops to zero. */
  private volatile int activeTasks;

  /** The phase and the bits ENDED, SETTLED and CALLER_INTERRUPTED, in one field. */
  private volatile int state;

  private volatile RequestedFutures futures;

  /** Created on the first failure. */
  volatile Failures failures;

  /** A run of {@code plan}, or of every task if it is null; {@code owner} for fan-out elements. */
  PipelineRun(RunTemplate template, RunPlan plan, FanOut.Owner owner) {
    // A run of every task copies nothing but the prerequisite counts.
    super(plan == null ? template.graph.prerequisiteCounts().clone() : plan.status);
    this.template = template;
    this.graph = template.graph;
    this.slots = plan == null ? new Object[2 * graph.size()] : plan.slots;
    this.extras =
        template.needsExtras || plan != null || owner != null
            ? new RunExtras(template, plan, owner)
            : null;
  }

  /**
   * The run that threw {@code failure}, for reading the results of the tasks that succeeded;
   * generated runners expose it as {@code partialResults(PipelineException)}.
   *
   * @throws IllegalArgumentException if {@code failure} did not come from a run of {@code graph}
   */
  public static PipelineRun of(PipelineException failure, TaskGraph graph) {
    PipelineRun run = failure instanceof RunFailedException failed ? failed.run() : null;
    if (run == null || run.graph != graph) {
      throw new IllegalArgumentException(
          "this PipelineException did not come from a run of " + graph.pipeline(), failure);
    }
    return run;
  }

  /** Runs again what this settled run left undone; see {@link RunTemplate#resume}. */
  PipelineRun resumeWith(RunTemplate template) {
    RunPlan plan = remainder();
    PipelineRun run = new SelfHelpingRun(template, plan, null);
    PipelineRun[] unfinished = extras == null ? null : extras.unfinishedElements;
    if (unfinished != null) {
      // A fan-out whose inputs are kept gets the same elements: it keeps those that succeeded.
      PipelineRun[] resumed = new PipelineRun[graph.size()];
      for (int task = 0; task < graph.size(); task++) {
        boolean inputsKept = unfinished[task] != null;
        for (int prerequisite : graph.dependenciesOf(task)) {
          inputsKept &= plan.status[prerequisite] == SUCCEEDED;
        }
        resumed[task] = inputsKept ? unfinished[task] : null;
      }
      run.extras.resumedElements = resumed;
    }
    return run.runHere();
  }

  /** What this settled run left undone, for a run that resumes it. */
  RunPlan remainder() {
    boolean[] succeeded = new boolean[graph.size()];
    for (int task = 0; task < graph.size(); task++) {
      succeeded[task] = (int) INTS.getVolatile(status, task) == SUCCEEDED;
    }
    RunPlan plan = plan();
    return RunPlan.resuming(graph, succeeded, slots, plan == null ? null : plan.included);
  }

  PipelineRun runHere() {
    caller = Thread.currentThread();
    if (pushSources()) {
      workUntilSettled();
    }
    throwIfUnsuccessful();
    return this;
  }

  PipelineRun startHere() {
    if (pushSources()) {
      if (owner() == null) {
        callAsyncSourcesHere();
      }
      if (hasReady()) {
        signalHelper();
      }
    }
    return this;
  }

  /**
   * In {@link RunTemplate#start()}: the caller calls the async methods on top of the stack itself,
   * as hand-written code starts its calls, instead of handing each to the executor; such a method
   * should only start work and return. Before each call, if more tasks are ready, a helper is
   * signalled, so that a method that blocks (say, until a sibling has started) cannot keep the
   * others from running. What becomes ready meanwhile goes on the stack: start() runs no sync task
   * on the caller's thread.
   */
  private void callAsyncSourcesHere() {
    for (int task = peek(); task != EMPTY && isCalledHere(task); task = peek()) {
      if (popIf(task)) {
        if (hasReady()) {
          signalHelper();
        }
        pushIfReady(execute(task));
      }
    }
  }

  private boolean isCalledHere(int task) {
    return graph.kind(task) == TaskKind.ASYNC && !graph.isFanOut(task);
  }

  /** The graph this run executes. */
  public TaskGraph graph() {
    return graph;
  }

  /**
   * Waits until the run has settled (see the class comment).
   *
   * @throws PipelineException if a task failed
   * @throws CancellationException if the run was cancelled, or the waiting thread was interrupted
   *     (which cancels the run, waits for it to settle, and keeps the interrupt status set)
   */
  public void await() {
    if (!isDone()) {
      boolean interrupted = becomeCaller() ? parkUntilSettled() : waitUntilSettled();
      if (interrupted) {
        throw RunMessages.interruptedWhileWaiting(this);
      }
    }
    throwIfUnsuccessful();
  }

  /** The first thread in await(): parks until the settling unparks it; true if interrupted. */
  private boolean parkUntilSettled() {
    boolean interrupted = false;
    markParked(AWAITER_PARKED);
    while (!isDone()) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
        cancel();
      }
    }
    clearParked(AWAITER_PARKED);
    return interrupted;
  }

  /** Any other thread in await(): waits on this run's monitor; true if interrupted. */
  private boolean waitUntilSettled() {
    boolean interrupted = false;
    while (!isDone()) {
      try {
        synchronized (this) {
          while (!isDone()) {
            wait();
          }
        }
      } catch (InterruptedException e) {
        interrupted = true;
        cancel(); // outside the monitor: cancelling runs callbacks and listeners
      }
    }
    return interrupted;
  }

  /** Whether the run has settled: every task finished, or the run stopped and nothing runs. */
  public boolean isDone() {
    return (state & SETTLED) != 0;
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
   * The result of task {@code task}, for generated code. The caller's type witness is safe because
   * the processor checked it.
   *
   * @throws IllegalStateException if the task has not succeeded
   */
  @SuppressWarnings("unchecked")
  public <T> T value(int task) {
    if ((int) INTS.getVolatile(status, task) != SUCCEEDED) {
      throw new IllegalStateException(
          "task '"
              + graph.name(task)
              + "' of "
              + graph.pipeline()
              + " has no result: "
              + RunMessages.describe(this, task));
    }
    return (T) slots[task];
  }

  /**
   * One element of the collection a fan-out task runs for each of, for generated code; the caller's
   * type witness is safe because the processor checked it.
   */
  @SuppressWarnings("unchecked")
  public static <T> T element(Object element) {
    return (T) element;
  }

  /**
   * How task {@code task} ended, for generated code passing it to a parameter of type {@link
   * Outcome}; the caller's type witness is safe because the processor checked it.
   *
   * @throws IllegalStateException if the task neither succeeded nor failed
   */
  @SuppressWarnings("unchecked")
  public <T> Outcome<T> outcome(int task) {
    int state = (int) INTS.getVolatile(status, task);
    if (state == FAILED) {
      return Outcome.failure((Throwable) slots[task]);
    }
    return Outcome.success((T) value(task));
  }

  /**
   * A future of task {@code task}'s result, completed when the task succeeds or fails, or when the
   * run settles without running it (exceptionally: with the run's {@link PipelineException} if a
   * task failed, with a {@link CancellationException} if it was cancelled). Each call returns a new
   * copy: completing or cancelling it affects neither the run nor other callers.
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
    return dispatcher() != null;
  }

  /**
   * Sends the current attempt of task {@code task} to the dispatcher, for generated code; the run
   * waits for the returned stage without a thread, as for an async task.
   *
   * @param instance the pipeline object, or null for a static task method
   * @param arguments the task's arguments in parameter order
   */
  public CompletionStage<Object> dispatch(int task, Object instance, Object[] arguments) {
    return dispatcher()
        .dispatch(
            new RemoteCall(
                graph.pipeline(),
                graph.fingerprint(),
                graph.name(task),
                attempts().current(task),
                instance,
                arguments));
  }

  /** Async tasks, and dispatched tasks when dispatching, end when a stage completes. */
  private boolean awaitsStage(int task) {
    return graph.kind(task) == TaskKind.ASYNC
        || template.dispatcher != null && graph.isDispatched(task);
  }

  /** Keeps the elements of a fan-out that did not all succeed, for a resume. */
  void keepUnfinished(int task, PipelineRun elements) {
    extras.unfinishedElements[task] = elements;
  }

  /** In a resumed run: the earlier elements of fan-out task {@code task}, or null. */
  PipelineRun resumedElements(int task) {
    RunExtras extras = this.extras;
    PipelineRun[] resumed = extras == null ? null : extras.resumedElements;
    return resumed == null ? null : resumed[task];
  }

  /** The dispatcher of a run whose graph has dispatched tasks, or null. */
  TaskDispatcher dispatcher() {
    return template.dispatcher;
  }

  @Override
  final Executor executor() {
    return template.executor;
  }

  /** The callback of the stages this run waits for: it calls {@link #stagesCompleted()}. */
  abstract BiConsumer<Object, Object> stageCallback();

  // ---- the caller of run() and the ready stack --------------------------------------------

  /** Makes the sources ready; false if there are none (an empty graph, settled at once). */
  private boolean pushSources() {
    int[] sources = sources();
    Listeners listeners = listeners();
    FanOut.Owner owner = owner();
    if (listeners != null && owner == null) {
      extras.plannedTasks = tasksToRun();
      listeners.fire(
          TaskListener::runStarted,
          new RunEvent(graph.pipeline(), graph, System.nanoTime(), null, extras.plannedTasks));
    }
    if (sources.length == 0) {
      settle();
      return false;
    }
    if (template.deadlineNanos > 0) {
      extras.deadline = TimeLimits.startDeadline(this, template.deadlineNanos);
    }
    // A throttle holds sources back: each is released when a task leaves, and takes its place.
    int throttle = owner == null ? 0 : owner.throttle;
    int released = throttle > 0 ? Math.min(throttle, sources.length) : sources.length;
    activeTasks = released;
    if (owner != null) {
      owner.nextSource = released;
    }
    int chain = EMPTY;
    for (int i = 0; i < released; i++) {
      taskEvent(TaskListener::taskScheduled, sources[i], null);
      chain = chain(sources[i], chain);
    }
    pushChain(chain, sources[0]);
    return true;
  }

  /** The calling thread of {@link RunTemplate#run()}: takes ready tasks until the run settles. */
  private void workUntilSettled() {
    boolean interrupted = false;
    while (!isDone()) {
      if (Thread.interrupted()) {
        interrupted = true;
        cancel();
      }
      int task = pop();
      if (task != EMPTY) {
        runPopped(task);
        continue;
      }
      markParked(CALLER_PARKED);
      // A push or the settling after this check sees the mark and unparks us.
      if (!hasReady() && !isDone()) {
        LockSupport.park(this);
      }
      clearParked(CALLER_PARKED);
    }
    if (interrupted || (state & CALLER_INTERRUPTED) != 0) {
      throw RunMessages.interruptedWhileWaiting(this);
    }
  }

  /**
   * The executor refused a helper: the tasks on the stack cannot run. Each fails with the refusal
   * as its cause (the first stops a fail-fast run; the rest then leave without running). None runs
   * here: this may be the timer's thread, or one that completed a stage.
   */
  @Override
  final void failReadyTasks(Throwable rejected) {
    for (int task = pop(); task != EMPTY; task = pop()) {
      if (!isActive()) {
        leave();
      } else {
        INTS.setVolatile(status, task, RUNNING);
        finish(task, null, rejected);
      }
    }
  }

  // ---- status -------------------------------------------------------------------------------

  /** The index of task {@code task}'s in-flight slot in {@link #slots}. */
  int flight(int task) {
    return (slots.length >> 1) + task;
  }

  /** The tasks ready at the start. */
  private int[] sources() {
    RunPlan plan = plan();
    return plan == null ? graph.sources() : plan.sources;
  }

  Listeners listeners() {
    return template.listeners;
  }

  /**
   * The attempts of each task; null unless some task has a timeout or retries, or is dispatched.
   */
  Attempts attempts() {
    RunExtras more = extras;
    return more == null ? null : more.attempts;
  }

  /** The current attempt of {@code task}, from 1. */
  int attemptOf(int task) {
    Attempts attempts = attempts();
    return attempts == null ? 1 : attempts.current(task);
  }

  FanOut.Owner owner() {
    RunExtras more = extras;
    return more == null ? null : more.owner;
  }

  private RunPlan plan() {
    RunExtras more = extras;
    return more == null ? null : more.plan;
  }

  private StoredResults stored() {
    RunExtras more = extras;
    return more == null ? null : more.stored;
  }

  int status(int task) {
    return (int) INTS.getVolatile(status, task);
  }

  boolean casStatus(int task, int expected, int next) {
    return INTS.compareAndSet(status, task, expected, next);
  }

  int phase() {
    return state & PHASE;
  }

  /**
   * Moves the phase from ACTIVE to {@code phase}, keeping the other bits of the state; false if it
   * had already moved.
   */
  private boolean endActive(int phase) {
    for (int seen = state; (seen & PHASE) == ACTIVE; seen = state) {
      if (STATE.compareAndSet(this, seen, seen | phase)) {
        return true;
      }
    }
    return false;
  }

  boolean isActive() {
    return (state & PHASE) == ACTIVE;
  }

  // ---- running tasks -----------------------------------------------------------------------

  @Override
  final void runFrom(int task) {
    for (int next = task; next != EMPTY; ) {
      next = execute(next);
    }
  }

  /** Runs one task on this thread; returns a ready dependent to run next, or EMPTY. */
  private int execute(int task) {
    // 0, or the stack link a pop left behind: either way, ready (see ReadyStack). A ready task
    // belongs to the thread that popped it (or kept it): nothing else changes its status until
    // it is RUNNING, so a plain release store claims it, without a CAS.
    int ready = (int) INTS.getVolatile(status, task);
    if (!isActive() || ready < 0) {
      return leave();
    }
    INTS.setRelease(status, task, RUNNING);
    Thread thread = Thread.currentThread();
    OBJECTS.setVolatile(slots, flight(task), thread);
    // stop() sets the phase, then scans in-flight slots: it either sees this thread or we see it.
    if (!isActive()) {
      Interrupts.release(slots, flight(task), thread);
      return finish(task, null, new CancellationException("run stopped before the task started"));
    }
    taskEvent(TaskListener::taskStarted, task, null);
    StoredResults stored = stored();
    if (stored != null) {
      Object[] inputs = inputsOf(task);
      Optional<Object> reused = inputs == null ? Optional.empty() : stored.lookUp(task, inputs);
      // lookUp never throws: a store that fails is logged and the task runs.
      if (reused.isPresent()) {
        Interrupts.release(slots, flight(task), thread);
        return finish(task, reused.get(), null);
      }
    }
    if (graph.isFanOut(task)) {
      return FanOut.startElements(this, task, thread);
    }
    Attempts attempts = attempts();
    if (attempts != null) {
      attempts.arm(task, this);
    }
    Object returned;
    Throwable error = null;
    try {
      returned = template.invoker.invoke(task, this);
    } catch (Throwable thrown) {
      returned = null;
      error = thrown;
    }
    Interrupts.release(slots, flight(task), thread);
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
      inputs[i] = slots[prerequisites[i]];
    }
    return inputs;
  }

  static void cancelQuietly(Object returned) {
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
      return finish(
          task,
          null,
          new NullPointerException(
              "async task '" + graph.name(task) + "' returned null instead of a CompletionStage"));
    }
    // Only a plain CompletableFuture: subclasses such as minimal stages may refuse isDone().
    if (stage.getClass() == CompletableFuture.class && ((CompletableFuture<?>) stage).isDone()) {
      return finishWith(task, (CompletableFuture<?>) stage);
    }
    OBJECTS.setVolatile(slots, flight(task), stage);
    if (!isActive()) {
      cancelStage(task);
    }
    // timeOut() marks, then reads the slot: it either saw the stage or we see the mark.
    Attempts attempts = attempts();
    if (attempts != null
        && attempts.timedOutNow(task)
        && OBJECTS.compareAndSet(slots, flight(task), stage, null)) {
      cancelQuietly(stage);
      return finish(task, null, null);
    }
    if (watchesStages() && stage.getClass() == CompletableFuture.class) {
      // The run's helper is every stage's callback: no callback object per task.
      ((CompletableFuture<?>) stage).whenComplete(stageCallback());
      return EMPTY;
    }
    int attempt = attemptOf(task);
    try {
      stage.whenComplete(
          (value, failure) -> {
            if (attempts != null && attempts.current(task) != attempt) {
              return; // the stage of an earlier attempt, which timed out
            }
            // Never run user code on the thread that completed the stage.
            pushIfReady(finish(task, value, failure == null ? null : RunMessages.unwrap(failure)));
          });
    } catch (Throwable broken) {
      return finish(task, null, broken); // a stage implementation that refuses callbacks
    }
    return EMPTY;
  }

  /**
   * Whether pending plain CompletableFutures share the run's one callback, which then looks for the
   * stages that are done among the in-flight slots: in small runs without attempts, where that scan
   * costs less than a callback object per task.
   */
  private boolean watchesStages() {
    return attempts() == null && slots.length <= 2 * WATCHED_TASKS;
  }

  /**
   * The shared callback of {@link #watchesStages}: finishes every task whose stage is done. The CAS
   * on the in-flight slot takes each stage once; cancelStage() and finish() still decide between a
   * late completion and a cancellation through the task's status.
   */
  final void stagesCompleted() {
    int size = slots.length >> 1;
    for (int task = 0; task < size; task++) {
      if (OBJECTS.getVolatile(slots, size + task) instanceof CompletableFuture<?> stage
          && stage.getClass() == CompletableFuture.class
          && stage.isDone()
          && OBJECTS.compareAndSet(slots, size + task, stage, null)) {
        // Never run user code on the thread that completed the stage.
        pushIfReady(finishWith(task, stage));
      }
    }
  }

  /** Finishes {@code task} with what its completed {@code stage} holds. */
  private int finishWith(int task, CompletableFuture<?> stage) {
    Object value;
    try {
      value = stage.join();
    } catch (Throwable failure) {
      return finish(task, null, RunMessages.unwrap(failure));
    }
    return finish(task, value, null);
  }

  void pushIfReady(int task) {
    if (task != EMPTY) {
      push(task);
      wakeWorker();
    }
  }

  /**
   * Records how {@code task} ended and releases its dependents. Returns one ready dependent for the
   * calling thread to run next (it inherits this task's place in activeTasks), or EMPTY.
   */
  int finish(int task, Object value, Throwable error) {
    Attempts attempts = attempts();
    if (attempts != null && !graph.isFanOut(task)) {
      attempts.disarm(task);
      error = attempts.failureOf(task, error);
      if (error != null && isActive() && attempts.shouldRetry(task, error)) {
        return TimeLimits.retryLater(this, task, error);
      }
    }
    // Claim the task first: stop() may have cancelled a pending async task, which then left, and
    // a timeout races with the attempt it ends. A sync task without attempts has no such rival:
    // only the thread finishing it changes its status, so it needs no CAS.
    boolean awaitedStage = awaitsStage(task);
    if ((attempts != null || awaitedStage)
        && !INTS.compareAndSet(status, task, RUNNING, COMPLETING)) {
      return EMPTY;
    }
    if (error != null && attempts != null) {
      error = attempts.withEarlierFailures(task, error);
    }
    if (error == null) {
      StoredResults stored = stored();
      if (stored != null) {
        stored.save(task, value);
      }
      slots[task] = value;
      INTS.setVolatile(status, task, SUCCEEDED);
      if (awaitedStage) {
        OBJECTS.setVolatile(slots, flight(task), null);
      }
      taskEvent(TaskListener::taskSucceeded, task, null);
      publish(task);
      return isActive() ? releaseDependents(task) : leave();
    }
    if (error instanceof InterruptedException && caller == Thread.currentThread() && isActive()) {
      // Someone interrupted the thread in run() while it ran this task: that cancels the run.
      STATE.getAndBitwiseOr(this, CALLER_INTERRUPTED);
      cancel();
    }
    // Once the run is stopping, interruptions and cancellations are our own doing, not failures.
    boolean causedByStop =
        !isActive()
            && (error instanceof CancellationException || error instanceof InterruptedException);
    slots[task] = causedByStop ? RunMessages.cancellation(graph, task, error) : error;
    INTS.setVolatile(status, task, causedByStop ? CANCELLED : FAILED);
    // Recorded before anyone hears of it: a listener or a future sees it among the failures.
    // A failure that every dependent takes as an Outcome is handled: the run goes on.
    if (!causedByStop && !graph.failureHandled(task)) {
      recordFailure(task, error);
    }
    taskEvent(
        causedByStop ? TaskListener::taskCancelled : TaskListener::taskFailed,
        task,
        (Throwable) slots[task]);
    publish(task);
    if (causedByStop) {
      return leave();
    }
    return isActive() ? releaseTolerantDependents(task) : leave();
  }

  private int releaseDependents(int task) {
    int next = EMPTY;
    // The others that become ready go on the stack together: one count and one push for all.
    int chain = EMPTY;
    int bottom = EMPTY;
    int chained = 0;
    for (int dependent : graph.dependentsOf(task)) {
      if ((int) INTS.getAndAdd(status, dependent, -1) == 1) {
        taskEvent(TaskListener::taskScheduled, dependent, null);
        if (next == EMPTY) {
          next = dependent;
        } else {
          if (chained++ == 0) {
            bottom = dependent;
          }
          chain = chain(dependent, chain);
        }
      }
    }
    if (chained > 0) {
      ACTIVE_TASKS.getAndAdd(this, chained);
      pushChain(chain, bottom);
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
    FanOut.Owner owner = owner();
    if (owner != null && owner.throttle > 0) {
      int[] sources = sources();
      int next = owner.releaseNext();
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
    ScheduledFuture<?> timer = extras == null ? null : extras.deadline;
    if (timer != null) {
      timer.cancel(false);
    }
    endActive(failures != null ? FAILING : SUCCEEDED_RUN);
    STATE.getAndBitwiseOr(this, ENDED);
    // A future requested from now on sees 'ended' and completes itself.
    RequestedFutures requested = futures;
    if (requested != null) {
      requested.publishAll();
    }
    if (listeners() != null) {
      reportEnd();
    }
    STATE.getAndBitwiseOr(this, SETTLED);
    unparkCaller();
    synchronized (this) {
      notifyAll();
    }
    FanOut.Owner owner = owner();
    if (owner != null) {
      owner.elementsSettled(this);
    }
  }

  private int tasksToRun() {
    int count = 0;
    for (int task = 0; task < graph.size(); task++) {
      if (isIncluded(task) && (int) INTS.getVolatile(status, task) != SUCCEEDED) {
        count++;
      }
    }
    return count;
  }

  boolean isIncluded(int task) {
    RunPlan plan = plan();
    return plan == null || plan.included == null || plan.included[task];
  }

  // ---- failure and stopping ---------------------------------------------------------------

  void recordFailure(int task, Throwable error) {
    Failures recorded = failures;
    if (recorded == null) {
      Failures created = new Failures();
      recorded = (Failures) FAILURES.compareAndExchange(this, null, created);
      if (recorded == null) {
        recorded = created;
      }
    }
    // A fan-out that ends failed reports its elements' own failures (a deadline does not).
    if (OBJECTS.getVolatile(slots, flight(task)) instanceof PipelineRun elements
        && elements.isDone()
        && elements.failures != null) {
      recorded.addElements(task, elements.failures);
    } else {
      recorded.add(task, graph.name(task), error, attemptOf(task));
    }
    if (!template.keepGoing) {
      stop(FAILING);
    }
    // Keeping going: the failed task's dependents never become ready, so they are skipped.
  }

  Map<String, Throwable> failures() {
    Failures recorded = failures;
    return recorded == null ? Map.of() : recorded.snapshot();
  }

  private void throwIfUnsuccessful() {
    RuntimeException failure = failure();
    if (failure != null) {
      throw failure;
    }
  }

  private RuntimeException failure() {
    int phase = phase();
    return phase == ACTIVE || phase == SUCCEEDED_RUN ? null : RunMessages.failure(this);
  }

  // ---- listeners ---------------------------------------------------------------------------

  void taskEvent(BiConsumer<TaskListener, TaskEvent> method, int task, Throwable error) {
    Listeners listeners = listeners();
    if (listeners != null) {
      FanOut.Owner owner = owner();
      int attempt = attemptOf(task);
      listeners.fire(
          method,
          owner == null
              ? new TaskEvent(
                  graph.pipeline(),
                  graph.name(task),
                  task,
                  attempt,
                  Thread.currentThread(),
                  System.nanoTime(),
                  error)
              : new TaskEvent(
                  graph.pipeline(),
                  graph.name(task),
                  owner.task,
                  attempt,
                  Thread.currentThread(),
                  System.nanoTime(),
                  error,
                  task));
    }
  }

  /** Reports the tasks that did not run, then the run's end; a fan-out's parent reports those. */
  private void reportEnd() {
    if (owner() != null) {
      return;
    }
    for (int task = 0; task < graph.size(); task++) {
      if ((int) INTS.getVolatile(status, task) >= 0 && isIncluded(task)) {
        taskEvent(TaskListener::taskSkipped, task, null);
      }
    }
    listeners()
        .fire(
            TaskListener::runFinished,
            new RunEvent(
                graph.pipeline(), graph, System.nanoTime(), failure(), extras.plannedTasks));
  }

  boolean stop(int newPhase) {
    if (!endActive(newPhase)) {
      return false;
    }
    for (int task = 0; task < graph.size(); task++) {
      Object running = OBJECTS.getVolatile(slots, flight(task));
      if (running instanceof Thread thread) {
        Interrupts.interrupt(slots, flight(task), thread);
      } else if (running instanceof CompletionStage) {
        cancelStage(task);
      } else if (running instanceof TimeLimits.RetryWait) {
        TimeLimits.cancelRetry(this, task);
      } else if (running instanceof PipelineRun elements) {
        elements.cancel(); // the fan-out task ends once its running elements have stopped
      }
    }
    return true;
  }

  /**
   * Gives up on a pending async task: it counts as cancelled and its late completion is ignored.
   */
  private void cancelStage(int task) {
    if (OBJECTS.getVolatile(slots, flight(task)) instanceof CompletionStage<?> stage
        && INTS.compareAndSet(status, task, RUNNING, COMPLETING)) {
      slots[task] = RunMessages.cancellation(graph, task, null);
      INTS.setVolatile(status, task, CANCELLED);
      cancelQuietly(stage);
      OBJECTS.setVolatile(slots, flight(task), null);
      taskEvent(TaskListener::taskCancelled, task, (Throwable) slots[task]);
      publish(task);
      leave();
    }
  }

  /** Ends a task that waited for its retry as cancelled; its value is already the exception. */
  void endCancelled(int task) {
    INTS.setVolatile(status, task, CANCELLED);
    taskEvent(TaskListener::taskCancelled, task, (Throwable) slots[task]);
    publish(task);
    leave();
  }

  // ---- requested futures -------------------------------------------------------------------

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
        future.complete(slots[task]);
        break;
      case FAILED:
      case CANCELLED:
        future.completeExceptionally((Throwable) slots[task]);
        break;
      default:
        if ((state & ENDED) != 0) {
          future.completeExceptionally(RunMessages.didNotRun(this, task));
        }
    }
  }
}
