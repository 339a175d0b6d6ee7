package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.remote.RemoteCall;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of a pipeline, as generated code sees it: results, futures, waiting and cancelling. A
 * generated runner starts it from its {@link RunTemplate}; its {@code Results} and {@code
 * Execution} read it. The scheduling itself is {@link Scheduler}'s, the one subclass.
 *
 * <h2>The run's state</h2>
 *
 * One int holds the run's phase and three flags. The phase is the run's outcome once decided, and
 * moves once:
 *
 * <pre>
 * ACTIVE -> SUCCEEDED   the last task left the run and none had failed
 * ACTIVE -> FAILED      a failure under fail-fast, the deadline, or the last task left after a failure
 * ACTIVE -> CANCELLED   cancel(), or the caller of run() or await() was interrupted
 * </pre>
 *
 * Once the phase has left ACTIVE no task starts any more, but tasks already running may still end:
 * the flags say when it is over. ENDED is set once no task will start or end any more, before
 * requested futures are completed; SETTLED after that, once listeners have heard the end, and only
 * then does {@link #await()} return. CALLER_INTERRUPTED records that a task the caller of {@code
 * run()} ran was interrupted from outside (which cancels the run); CALLER_STATUS_KEPT that such a
 * task returned leaving the interrupt status set (which does not: see {@link RunTemplate#run()}).
 *
 * <h2>Failure and cancellation</h2>
 *
 * On the first failure (fail-fast) or on {@link #cancel()}, the run stops: no task starts any more,
 * running sync tasks are interrupted and pending async stages are cancelled (a stage's outcome
 * after that is disregarded). After {@link #await()} returns or throws, no thread runs task code
 * for this run; a sync task that ignores interrupts therefore delays {@code await()}.
 *
 * <h2>Memory visibility</h2>
 *
 * Actions of a task happen-before the start of every task that depends on it, and actions of every
 * task happen-before {@link #await()} (or {@link RunTemplate#run()}) returns or throws and before a
 * future from {@link #future(int)} completes. A task therefore sees everything its prerequisites
 * did, with no extra synchronization in user code.
 */
public abstract sealed class PipelineRun extends ReadyStack permits Scheduler {
  // The phase: the low bits of 'state'.
  static final int ACTIVE = 0;
  static final int SUCCEEDED = 1;
  static final int FAILED = 2;
  static final int CANCELLED = 3;
  private static final int PHASE = 3;

  // The flags: the other bits of 'state'.
  /** No task will start or end any more; set before requested futures are completed. */
  static final int ENDED = 4;

  /** Set after ENDED, once listeners heard the end: await() returns only then. */
  static final int SETTLED = 8;

  /** A task the caller of run() ran was interrupted from outside. */
  static final int CALLER_INTERRUPTED = 16;

  /**
   * A task the caller of run() ran returned leaving the thread's interrupt status set: cleared for
   * the tasks after it, set again when run() returns.
   */
  static final int CALLER_STATUS_KEPT = 32;

  private static final VarHandle STATE;
  private static final VarHandle FUTURES;
  private static final VarHandle FAILURES;
  private static final VarHandle OBJECTS = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(PipelineRun.class, "state", int.class);
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

  /** The pipeline object whose methods the run calls (null for tests' invokers that need none). */
  private final Object pipeline;

  /**
   * Two slots per task, in one array so that a run allocates one: {@code slots[task]} holds the
   * task's value once SUCCEEDED, its exception once FAILED or CANCELLED; {@code
   * slots[flight(task)]} holds what is in flight for it, for stopping: the thread running a sync
   * task, the pending stage of an async task, a retry's wait or a fan-out's element run.
   */
  final Object[] slots;

  /** What only some runs need; null in the common case, so that a run stays small. */
  final RunFeatures features;

  /** The phase and the flags ENDED, SETTLED, CALLER_INTERRUPTED and CALLER_STATUS_KEPT. */
  private volatile int state;

  private volatile RequestedFutures futures;

  /** Created on the first failure. */
  volatile Failures failures;

  PipelineRun(
      RunTemplate template, Object pipeline, int[] status, Object[] slots, RunFeatures features) {
    super(status);
    this.template = template;
    this.pipeline = pipeline;
    this.graph = template.graph;
    this.slots = slots;
    this.features = features;
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

  /** The graph this run executes. */
  public TaskGraph graph() {
    return graph;
  }

  /**
   * Waits until the run has settled.
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
    return stop(CANCELLED);
  }

  /**
   * Moves the phase from ACTIVE to {@code phase} and stops every task in flight; false if the phase
   * had already moved.
   */
  abstract boolean stop(int phase);

  /**
   * The result of task {@code task}, for generated code. The caller's type witness is safe because
   * the processor checked it.
   *
   * @throws IllegalStateException if the task has not succeeded
   */
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // the witness is checked
  public <T> T value(int task) {
    if (TaskStatus.get(status, task) != TaskStatus.SUCCEEDED) {
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
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // the witness is checked
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
    if (TaskStatus.get(status, task) == TaskStatus.FAILED) {
      return Outcome.failure((Throwable) slots[task]);
    }
    return Outcome.success((T) value(task));
  }

  /**
   * How each element of fan-out task {@code task} ended, in the elements' order, for generated code
   * passing it to a {@code List<Outcome<T>>} parameter (and for a runner's {@code Results}, which
   * reads those of a run that failed under keep-going). An element that never ran, because the run
   * stopped, gives a failure with a {@link CancellationException}. The caller's type witness is
   * safe because the processor checked it.
   *
   * @throws IllegalStateException if the task did not reach its elements: it never started, or it
   *     failed before it had any (its collection could not be read), with that failure as the
   *     cause. A fan-out that a stop cancelled while its elements ran gives theirs, as a failed one
   *     does
   */
  @SuppressWarnings("unchecked")
  public <T> List<Outcome<T>> elementOutcomes(int task) {
    int ended = TaskStatus.get(status, task);
    if (ended == TaskStatus.SUCCEEDED) {
      List<?> values = (List<?>) slots[task];
      Outcome<?>[] outcomes = new Outcome<?>[values.size()];
      for (int element = 0; element < outcomes.length; element++) {
        outcomes[element] = Outcome.success(values.get(element));
      }
      return (List<Outcome<T>>) (List<?>) List.of(outcomes);
    }
    boolean stopped = ended == TaskStatus.FAILED || ended == TaskStatus.CANCELLED;
    PipelineRun elements =
        stopped && features != null && features.unfinishedElements != null
            ? features.unfinishedElements[task]
            : null;
    if (elements == null) {
      throw new IllegalStateException(
          "task '"
              + graph.name(task)
              + "' of "
              + graph.pipeline()
              + " has no elements that ran: "
              + RunMessages.describe(this, task),
          ended == TaskStatus.FAILED ? (Throwable) slots[task] : null);
    }
    Outcome<?>[] outcomes = new Outcome<?>[elements.graph.size()];
    for (int element = 0; element < outcomes.length; element++) {
      outcomes[element] =
          switch (TaskStatus.get(elements.status, element)) {
            case TaskStatus.SUCCEEDED -> Outcome.success(elements.slots[element]);
            case TaskStatus.FAILED -> Outcome.failure((Throwable) elements.slots[element]);
            default ->
                Outcome.failure(
                    new CancellationException(
                        "element "
                            + element
                            + " of task '"
                            + graph.name(task)
                            + "' did not run to its end: "
                            + RunMessages.describe(elements, element)));
          };
    }
    return (List<Outcome<T>>) (List<?>) List.of(outcomes);
  }

  /**
   * A future of task {@code task}'s result, completed when the task succeeds or fails, or when the
   * run settles without running it (exceptionally: with the run's {@link PipelineException} if a
   * task failed, with a {@link CancellationException} if it was cancelled). Each call returns a new
   * future: completing or cancelling it affects neither the run nor other callers.
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
    return requested.newFuture(task);
  }

  /**
   * The run at this instant, one line per task: waiting for which prerequisites, ready, running on
   * which thread (for how long, when the run has a listener) and in which method, waiting for its
   * future, backing off before a retry, or how it ended. For a person looking at a run that makes
   * no progress; the format may change.
   */
  @Override
  public String toString() {
    return RunSnapshot.of(this);
  }

  /**
   * The pipeline object whose task methods this run calls, for generated code: a runner's invoker
   * is shared by every run of its options, and reads the pipeline from the run.
   */
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // the runner knows its pipeline
  public <P> P pipeline() {
    return (P) pipeline;
  }

  /**
   * Whether this run sends its dispatched tasks to a dispatcher; generated code then calls {@link
   * #dispatch} instead of the task method.
   */
  public boolean isDispatching() {
    return template.dispatcher != null;
  }

  /**
   * Sends the current attempt of task {@code task} to the dispatcher, for generated code; the run
   * waits for the returned stage without a thread, as for an async task.
   *
   * @param instance the pipeline object, or null for a static task method
   * @param arguments the task's arguments in parameter order
   */
  public CompletionStage<Object> dispatch(int task, Object instance, Object[] arguments) {
    return template.dispatcher.dispatch(
        new RemoteCall(
            graph.pipeline(),
            graph.fingerprint(),
            graph.name(task),
            attemptOf(task),
            instance,
            arguments,
            graph.producedType(task),
            template.resultAllowList(task),
            RunContext.remoteFieldsOf(this)));
  }

  // ---- the run's state, for the scheduler -----------------------------------------------------

  int phase() {
    return state & PHASE;
  }

  boolean isActive() {
    return (state & PHASE) == ACTIVE;
  }

  /** Whether no task will start or end any more (see ENDED). */
  boolean hasEnded() {
    return (state & ENDED) != 0;
  }

  /**
   * Moves the phase from ACTIVE to {@code phase}, keeping the flags; false if it had already moved.
   */
  boolean endActive(int phase) {
    for (int seen = state; (seen & PHASE) == ACTIVE; seen = state) {
      if (STATE.compareAndSet(this, seen, seen | phase)) {
        return true;
      }
    }
    return false;
  }

  /** Sets one of the flags; flags are never cleared. */
  void setFlag(int flag) {
    STATE.getAndBitwiseOr(this, flag);
  }

  boolean hasFlag(int flag) {
    return (state & flag) != 0;
  }

  /** The plan of a partial or resumed run; null for a run of every task. */
  RunPlan plan() {
    RunFeatures more = features;
    return more == null ? null : more.plan;
  }

  /** Whether the run includes {@code task}: a partial run leaves some out. */
  boolean isIncluded(int task) {
    RunPlan plan = plan();
    return plan == null || plan.included == null || plan.included[task];
  }

  /** The current attempt of {@code task}, from 1. */
  int attemptOf(int task) {
    Attempts attempts = features == null ? null : features.attempts;
    return attempts == null ? 1 : attempts.current(task);
  }

  // ---- failures and requested futures ---------------------------------------------------------

  /** Creates the run's failures on the first call. */
  Failures failuresForRecording() {
    Failures recorded = failures;
    if (recorded == null) {
      Failures created = new Failures();
      recorded = (Failures) FAILURES.compareAndExchange(this, null, created);
      if (recorded == null) {
        recorded = created;
      }
    }
    return recorded;
  }

  Map<String, Throwable> failures() {
    Failures recorded = failures;
    return recorded == null ? Map.of() : recorded.snapshot();
  }

  void throwIfUnsuccessful() {
    RuntimeException failure = failure();
    if (failure != null) {
      throw failure;
    }
  }

  /** What await() throws, or null while active or after success. */
  RuntimeException failure() {
    int phase = phase();
    return phase == ACTIVE || phase == SUCCEEDED ? null : RunMessages.failure(this);
  }

  /** Completes the requested future of {@code task}, if there is one, once the task ended. */
  void publish(int task) {
    RequestedFutures requested = futures;
    if (requested != null) {
      requested.publish(task);
    }
  }

  /** At the end of the run: completes every requested future. */
  void publishAll() {
    RequestedFutures requested = futures;
    if (requested != null) {
      requested.publishAll();
    }
  }

  /** Completes {@code future} with how task {@code task} ended, if it has ended. */
  void completeIfEnded(int task, CompletableFuture<Object> future) {
    switch (TaskStatus.get(status, task)) {
      case TaskStatus.SUCCEEDED -> future.complete(slots[task]);
      case TaskStatus.FAILED, TaskStatus.CANCELLED ->
          future.completeExceptionally((Throwable) slots[task]);
      default -> {
        if (hasEnded()) {
          future.completeExceptionally(RunMessages.didNotRun(this, task));
        }
      }
    }
  }

  // ---- what the run is made of -----------------------------------------------------------------

  /** The index of task {@code task}'s in-flight slot in {@link #slots}. */
  int flight(int task) {
    return (slots.length >> 1) + task;
  }

  /**
   * What task {@code task} has in flight, for stopping it: the thread running it, its pending
   * stage, its retry's wait or its fan-out's element run; null if nothing.
   */
  Object inFlight(int task) {
    return OBJECTS.getVolatile(slots, flight(task));
  }

  void setInFlight(int task, Object running) {
    OBJECTS.setVolatile(slots, flight(task), running);
  }

  /** Takes what is in flight for {@code task} if it is still {@code expected}. */
  boolean takeInFlight(int task, Object expected) {
    return OBJECTS.compareAndSet(slots, flight(task), expected, null);
  }

  /** The tasks ready at the start. */
  int[] sources() {
    RunPlan plan = plan();
    return plan == null ? graph.sources() : plan.sources;
  }

  /**
   * The attempts of each task; null unless some task has a timeout or retries, or is dispatched.
   */
  Attempts attempts() {
    RunFeatures more = features;
    return more == null ? null : more.attempts;
  }

  /** For the elements of a fan-out task, the task they belong to; otherwise null. */
  /** Who hears this run's events, or null if nobody does. */
  Listeners listeners() {
    RunFeatures more = features;
    return more == null ? null : more.listeners;
  }

  FanOut.Parent parent() {
    RunFeatures more = features;
    return more == null ? null : more.parent;
  }

  ResultCache cache() {
    RunFeatures more = features;
    return more == null ? null : more.cache;
  }

  /** Async tasks, and dispatched tasks when dispatching, end when a stage completes. */
  boolean awaitsStage(int task) {
    return graph.kind(task) == TaskKind.ASYNC
        || (template.dispatcher != null && graph.isDispatched(task));
  }
}
