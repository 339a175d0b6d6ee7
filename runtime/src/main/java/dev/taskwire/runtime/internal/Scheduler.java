package dev.taskwire.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The scheduler of one run: it starts tasks, records how they end and releases their dependents,
 * until the last task leaves and the run settles.
 *
 * <p>Each task has a counter of prerequisites that have not yet succeeded (its {@link TaskStatus}).
 * The thread that brings a counter to zero makes that task ready; the task then runs exactly once.
 * A thread that finishes a task continues with one newly ready dependent itself; further ready
 * tasks go on the run's {@link ReadyStack}. The thread takes them itself once its task returns, and
 * the {@link HelperWatch} hands a helper to the executor if they wait a tick (50 µs) or more, so
 * quick tasks run without a hand-off and slow independent ones in parallel; a thread that pushes
 * for another run's stack (a stage's callback, a timer) hands a helper over at once. {@link
 * RunTemplate#run()} lends the calling thread to the run: it takes ready tasks from the stack
 * itself instead of parking, so small graphs run without any hand-off between threads. An async
 * task's method runs like a sync task, then no thread waits ({@link AsyncStages}). {@link
 * RunTemplate#start()} calls the async methods that are ready at the start on the calling thread,
 * in declaration order, as hand-written code starts its calls, and leaves every sync task to the
 * executor.
 *
 * <p>A run of every task with no listener, result store, deadline or per-task policy allocates this
 * object (72 bytes), one int array (each task's status, which also links the ready stack) and one
 * Object array (each task's value and what it has in flight); the graph and the options are shared
 * through the template, never copied. The run is its own helper (the Runnable handed to the
 * executor) and the callback of the stages it waits for, so neither costs an object. Everything
 * only some runs need lives in {@link RunFeatures}.
 */
final class Scheduler extends PipelineRun implements Runnable, BiConsumer<Object, Object> {
  private static final VarHandle ACTIVE_TASKS;

  static {
    try {
      ACTIVE_TASKS =
          MethodHandles.lookup().findVarHandle(Scheduler.class, "activeTasks", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Tasks that are ready or running; the run settles when it drops to zero. */
  @SuppressWarnings("UnusedVariable") // read and written through ACTIVE_TASKS
  private volatile int activeTasks;

  /**
   * A run of {@code plan}, or of every task if it is null, calling the methods of {@code pipeline};
   * {@code parent} for fan-out elements.
   */
  Scheduler(RunTemplate template, Object pipeline, RunPlan plan, FanOut.Parent parent) {
    super(
        template,
        pipeline,
        // A run of every task copies nothing but the prerequisite counts.
        plan == null ? template.graph.prerequisiteCounts().clone() : plan.status,
        plan == null ? new Object[2 * template.graph.size()] : plan.slots,
        template.needsFeatures || plan != null || parent != null || FlightEvents.recording()
            ? new RunFeatures(template, plan, parent)
            : null);
  }

  // ---- the roles that keep a run one object ---------------------------------------------------

  /**
   * As the executor's Runnable, on a pool thread: takes ready tasks while there are any. A helper
   * that a retry's timer signalled and the executor ran inline (CallerRunsPolicy when full) takes
   * them on another thread: on the timer thread, a task could wait for its own timeout forever.
   */
  @Override
  public void run() {
    if (Timer.isBookkeepingThread()) {
      Timer.runOffTimer(this::help);
      return;
    }
    help();
  }

  /** As the callback of the stages this run waits for, on the thread that completed one. */
  @Override
  public void accept(Object value, Object failure) {
    AsyncStages.stagesCompleted(this);
  }

  @Override
  Runnable helper() {
    return this;
  }

  @Override
  Executor executor() {
    return template.executor;
  }

  @Override
  void wakeOuterCaller() {
    FanOut.Parent parent = parent();
    if (parent != null) {
      parent.run.wakeParkedCaller();
    }
  }

  // ---- starting --------------------------------------------------------------------------------

  /** For {@link RunTemplate#run()}: the calling thread works until the run settles. */
  Scheduler runHere() {
    caller = Thread.currentThread();
    if (pushSources()) {
      workUntilSettled();
    }
    if (hasFlag(CALLER_STATUS_KEPT)) {
      caller.interrupt(); // what a task left set is the thread's again once run() is over
    }
    throwIfUnsuccessful();
    return this;
  }

  /** For {@link RunTemplate#start()}: calls the ready async sources, leaves the rest to helpers. */
  Scheduler startHere() {
    if (pushSources()) {
      if (parent() == null) {
        AsyncStages.callReadyHere(this);
      }
      if (hasReady()) {
        signalHelper();
        wakeOuterCaller();
      }
    }
    return this;
  }

  /** Makes the sources ready; false if there are none (an empty graph, settled at once). */
  private boolean pushSources() {
    int[] sources = sources();
    FanOut.Parent parent = parent();
    if (parent == null && listeners() != null) {
      RunEvents.runStarted(this);
    }
    if (sources.length == 0) {
      settle();
      return false;
    }
    if (template.deadlineNanos > 0) {
      features.deadline = Deadline.start(this, template.deadlineNanos);
    }
    // A throttle holds sources back: each is released when a task leaves, and takes its place.
    int throttle = parent == null ? 0 : parent.throttle;
    int released = throttle > 0 ? Math.min(throttle, sources.length) : sources.length;
    activeTasks = released;
    if (parent != null) {
      parent.nextSource = released;
    }
    for (int i = 0; i < released; i++) {
      RunEvents.scheduled(this, sources[i]);
    }
    // Chained from the last, so that the first source lies on top: taken in declaration order.
    int chain = EMPTY;
    for (int i = released - 1; i >= 0; i--) {
      chain = chain(sources[i], chain);
    }
    pushChain(chain, sources[released - 1]);
    return true;
  }

  /** The calling thread of {@link RunTemplate#run()}: takes ready tasks until the run settles. */
  private void workUntilSettled() {
    int seat = HelperWatch.sit(this);
    try {
      workUntilSettled(seat);
    } finally {
      HelperWatch.leave(seat);
    }
  }

  private void workUntilSettled(int seat) {
    boolean interrupted = false;
    while (!isDone()) {
      if (Thread.interrupted()) {
        interrupted = true;
        cancel();
      }
      int task = pop();
      if (task != EMPTY) {
        runPopped(task, seat);
        continue;
      }
      if (graph.hasFanOuts() && FanOut.runReadyElement(this)) {
        continue;
      }
      markParked(CALLER_PARKED);
      // A push or the settling after this check sees the mark and unparks us; so does a push to
      // the elements of a fan-out (see wakeOuterCaller).
      if (!hasReady() && !(graph.hasFanOuts() && FanOut.hasReadyElement(this)) && !isDone()) {
        LockSupport.park(this);
      }
      clearParked(CALLER_PARKED);
    }
    if (interrupted || hasFlag(CALLER_INTERRUPTED)) {
      throw RunMessages.interruptedWhileWaiting(this);
    }
  }

  /**
   * The executor refused a helper: the tasks on the stack cannot run. Each fails with the refusal
   * as its cause, without starting, so with no attempt to retry (the first stops a fail-fast run;
   * the rest then leave without starting, as in {@link #execute}). None runs here: this may be the
   * timer's thread, or one that completed a stage. Nothing else can end a task that has not
   * started; beginEnding only keeps to the transitions TaskStatus lists.
   */
  @Override
  void failReadyTasks(Throwable rejected) {
    for (int task = pop(); task != EMPTY; task = pop()) {
      releasePermit(task);
      if (!isActive()) {
        stoppedBeforeStart(task);
      } else if (TaskStatus.claim(status, task) && TaskStatus.beginEnding(status, task)) {
        fail(task, rejected);
      } else {
        leave();
      }
    }
  }

  // ---- running a task --------------------------------------------------------------------------

  @Override
  void runFrom(int task) {
    for (int next = task; next != EMPTY; ) {
      next = execute(next);
    }
  }

  /** Runs one task on this thread; returns a ready dependent to run next, or EMPTY. */
  int execute(int task) {
    Thread thread = Thread.currentThread();
    setInFlight(task, thread);
    // stop() sets the phase, then scans in-flight slots: it either sees this thread or we see it.
    // This is the one place a stop keeps a ready task from starting, however late the thread
    // took it from the stack.
    if (!isActive()) {
      release(task, thread);
      releasePermit(task);
      return stoppedBeforeStart(task);
    }
    if (template.limits != null && !Limits.mayStart(this, task, thread)) {
      return EMPTY; // it waits for a permit, holding no thread, or it left
    }
    // A ready task belongs to the thread that popped it (or kept it): see TaskStatus.claim.
    if (!TaskStatus.claim(status, task)) {
      release(task, thread);
      releasePermit(task);
      return leave();
    }
    RunEvents.started(this, task);
    ResultCache cache = cache();
    if (cache != null && attemptOf(task) == 1) { // a retry keeps its first attempt's key
      int next = finishFromStore(task, thread, cache);
      if (next != NOT_STORED) {
        return next;
      }
    }
    if (graph.isFanOut(task)) {
      return FanOut.startElements(this, task, thread);
    }
    Attempts attempts = attempts();
    Object returned;
    Throwable error = null;
    try {
      if (attempts != null) {
        Timeouts.arm(this, task); // an OutOfMemoryError here fails the attempt like the call's
      }
      returned = template.invoker.invoke(task, this);
    } catch (Throwable thrown) {
      returned = null;
      error = thrown;
    }
    release(task, thread);
    if (attempts != null && attempts.timedOutNow(task)) {
      // The timeout interrupted the call: whatever it returned, the attempt failed.
      Timeouts.abandon(this, task, returned);
      return finish(task, null, error);
    }
    if (error == null && awaitsStage(task)) {
      return AsyncStages.await(this, task, returned);
    }
    return finish(task, returned, error);
  }

  /**
   * Gives back the permit of a shared limit that {@code task} holds, if it holds one: every way an
   * attempt ends, or a ready task leaves without starting, calls it. One field read without limits.
   */
  private void releasePermit(int task) {
    if (template.limits != null) {
      Limits.release(this, task);
    }
  }

  /** What {@link #finishFromStore} returns when the task must run. */
  private static final int NOT_STORED = -2;

  /**
   * Looks {@code task} up in the run's result store: ends it with the stored result and returns
   * what {@link #finish} returns, or returns NOT_STORED if it must run. Out of {@link #execute} so
   * that the hot path stays small enough to inline.
   */
  private int finishFromStore(int task, Thread thread, ResultCache cache) {
    if (graph.isFanOut(task)) {
      return NOT_STORED; // its elements are looked up one by one
    }
    // A store that fails is logged and the task runs; an Error it must not hide fails the task.
    Optional<Object> reused = Optional.empty();
    Throwable fatal = null;
    try {
      Listeners listeners = listeners();
      reused = cache.lookUp(this, task, listeners != null && listeners.want(Listeners.LOOKED_UP));
    } catch (Throwable thrown) {
      fatal = thrown;
    }
    if (fatal == null) {
      RunEvents.lookedUp(this, task, cache.decision(task));
    }
    if (reused.isPresent() || fatal != null) {
      release(task, thread);
      return finish(task, reused.orElse(null), fatal);
    }
    return NOT_STORED;
  }

  /**
   * The task's code on this thread is over: from now on the run will not interrupt the thread for
   * it. An interrupt status the task left set is cleared, as a ThreadPoolExecutor clears it between
   * tasks, so that no later task on this thread sees it; on the thread in run() it is also kept for
   * run() to set again when it returns (see {@link RunTemplate#run()}).
   */
  void release(int task, Thread thread) {
    if (Interrupts.release(slots, flight(task), thread) && thread == caller) {
      setFlag(CALLER_STATUS_KEPT);
    }
  }

  /**
   * The run stopped before ready {@code task} began its attempt; nothing of it was called. A task
   * that never started keeps its not-started status, and the run's end reports it skipped, exactly
   * as it does the ready tasks no thread took. A task ready for its next attempt had started: it
   * ends cancelled, as it would have during its backoff. Returns EMPTY.
   */
  int stoppedBeforeStart(int task) {
    return attemptOf(task) > 1 ? Retries.cancelNextAttempt(this, task) : leave();
  }

  /** Pushes {@code task} for another thread unless it is EMPTY. */
  void pushIfReady(int task) {
    if (task != EMPTY) {
      push(task);
      wakeWorker();
    }
  }

  // ---- ending a task ---------------------------------------------------------------------------

  /**
   * Records how {@code task} ended and releases its dependents. Returns one ready dependent for the
   * calling thread to run next (it inherits this task's place in activeTasks), or EMPTY.
   */
  int finish(int task, Object value, Throwable error) {
    releasePermit(task);
    Attempts attempts = attempts();
    if (attempts != null && !graph.isFanOut(task)) {
      Timeouts.disarm(this, task);
      error = attempts.failureOf(task, error);
      if (error != null && isActive() && attempts.shouldRetry(task, error)) {
        return Retries.retryLater(this, task, error);
      }
      AsyncStages.cancelQuietly(attempts.takeTimedOutStage(task)); // no retry waits for it
    }
    // A task with a rival for its end (a timeout, or stop() cancelling its stage) is claimed with
    // a CAS first; a sync task without attempts has none (see TaskStatus).
    boolean awaitedStage = awaitsStage(task);
    if ((attempts != null || awaitedStage) && !TaskStatus.beginEnding(status, task)) {
      return EMPTY;
    }
    if (error != null && attempts != null) {
      error = attempts.withEarlierFailures(task, error);
    }
    return error == null ? succeed(task, value, awaitedStage) : fail(task, error);
  }

  private int succeed(int task, Object value, boolean awaitedStage) {
    ResultCache cache = cache();
    if (cache != null) {
      try {
        cache.save(task, value);
      } catch (Throwable fatal) { // an Error the store must not hide: the result is not published
        return fail(task, fatal);
      }
    }
    slots[task] = value;
    TaskStatus.end(status, task, TaskStatus.SUCCEEDED);
    if (awaitedStage) {
      setInFlight(task, null);
    }
    RunEvents.succeeded(this, task);
    publish(task);
    return isActive() ? releaseDependents(task) : leave();
  }

  int fail(int task, Throwable error) {
    releasePermit(task);
    if (error instanceof InterruptedException && caller == Thread.currentThread() && isActive()) {
      // Someone interrupted the thread in run() while it ran this task: that cancels the run.
      setFlag(CALLER_INTERRUPTED);
      cancel();
    }
    // Once the run is stopping, interruptions and cancellations are our own doing, not failures.
    boolean causedByStop =
        !isActive()
            && (error instanceof CancellationException || error instanceof InterruptedException);
    if (causedByStop) {
      endCancelled(task, RunMessages.cancellation(graph, task, error));
      return EMPTY;
    }
    slots[task] = error;
    TaskStatus.end(status, task, TaskStatus.FAILED);
    // Recorded before anyone hears of it: a listener or a future sees it among the failures.
    // A failure that every dependent takes as an Outcome is handled: the run goes on.
    if (!graph.failureHandled(task)) {
      Stopping.recordFailure(this, task, error);
    }
    RunEvents.failed(this, task, error);
    publish(task);
    return isActive() ? releaseTolerantDependents(task) : leave();
  }

  /** Ends a task whose end this thread claimed as cancelled with {@code cancellation}. */
  void endCancelled(int task, Throwable cancellation) {
    releasePermit(task);
    slots[task] = cancellation;
    TaskStatus.end(status, task, TaskStatus.CANCELLED);
    RunEvents.cancelled(this, task, cancellation);
    publish(task);
    leave();
  }

  private int releaseDependents(int task) {
    int next = EMPTY;
    // The others that become ready go on the stack together: one count and one push for all.
    int chain = EMPTY;
    int bottom = EMPTY;
    int chained = 0;
    for (int dependent : graph.dependentsOf(task)) {
      if (TaskStatus.countDown(status, dependent)) {
        RunEvents.scheduled(this, dependent);
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
      if (TaskStatus.countDown(status, dependent)) {
        RunEvents.scheduled(this, dependent);
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
  int leave() {
    FanOut.Parent parent = parent();
    // A stopped run releases no more sources: they never become ready, and the end skips them.
    if (parent != null && parent.throttle > 0 && isActive()) {
      int[] sources = sources();
      int next = parent.releaseNext();
      if (next < sources.length) {
        // The released source takes over the leaving task's place among the active ones.
        RunEvents.scheduled(this, sources[next]);
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

  /** The last task left: the run ends, its futures complete, listeners hear, waiters wake. */
  private void settle() {
    ScheduledFuture<?> deadline = features == null ? null : features.deadline;
    if (deadline != null) {
      deadline.cancel(false);
    }
    endActive(failures != null ? FAILED : SUCCEEDED);
    setFlag(ENDED);
    // A future requested from now on sees ENDED and completes itself.
    publishAll();
    if (listeners() != null) {
      RunEvents.settled(this);
    }
    setFlag(SETTLED);
    unparkCaller();
    synchronized (this) {
      notifyAll();
    }
    FanOut.Parent parent = parent();
    if (parent != null) {
      FanOut.elementsSettled(parent, this);
    }
  }

  // ---- stopping ------------------------------------------------------------------------------

  @Override
  boolean stop(int phase) {
    return Stopping.stop(this, phase);
  }
}
