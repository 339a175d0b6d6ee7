package dev.taskwire.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The ready stack of one run and the threads that take from it; {@link PipelineRun} extends it. A
 * task made ready is pushed. A thread seated in the {@link HelperWatch} for this run (one taking
 * its tasks) leaves what it pushes for itself, and the watch hands a helper to the executor should
 * that work wait a tick or more; any other thread hands a helper over at once. A helper without a
 * seat that starts and still sees work signals the next, so threads join as long as work remains,
 * without a submission per task; the helper is the run itself ({@link Scheduler}). The caller of
 * {@code run()} takes from the stack too (it parks in {@link PipelineRun#workUntilSettled} and a
 * push wakes it). Package-private: a superclass rather than a field, so that a run is still one
 * object.
 *
 * <p>The stack needs no array of its own: a task on it is ready, so its status (see {@link
 * PipelineRun}) has counted down to 0 and nothing else changes it until it runs; the push stores
 * the link to the task below in it instead, as a positive number ({@code below + 2}), which still
 * reads as "not started" to everything that looks at statuses. The thread that pops the task owns
 * it and stores RUNNING over the link (or, start()'s caller only, pushes it back unstarted). A
 * retry pushes a task again after it was popped, so the head carries a version that every push and
 * pop changes: a thread that read the head before such a round trip fails its CAS instead of
 * restoring a stale link (ABA). A push happens-before the pop that takes the task: the link is
 * published by the CAS on the head.
 */
abstract class ReadyStack {
  /** The ready stack's end marker. */
  static final int EMPTY = -1;

  // Bits of 'workers'.
  /** A helper was handed to the executor and has not started yet. */
  private static final int HELPER_PENDING = 1;

  /** The caller of run() is parked, or about to park, waiting for work: a push wakes it. */
  static final int CALLER_PARKED = 2;

  /** The caller of await() is parked, or about to park, until the run settles. */
  static final int AWAITER_PARKED = 4;

  /**
   * One thread inside {@code execute()} marked in {@link #HANDING_OVER} rather than in {@link
   * #handingOver}; the bits from this one up count them.
   */
  private static final int HANDING_OVER_MARKED_LOCALLY = 8;

  private static final VarHandle READY_HEAD;
  private static final VarHandle WORKERS;
  private static final VarHandle CALLER;
  private static final VarHandle HANDING_OVER_THREAD;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      READY_HEAD = lookup.findVarHandle(ReadyStack.class, "readyHead", long.class);
      WORKERS = lookup.findVarHandle(ReadyStack.class, "workers", int.class);
      CALLER = lookup.findVarHandle(ReadyStack.class, "caller", Thread.class);
      HANDING_OVER_THREAD = lookup.findVarHandle(ReadyStack.class, "handingOver", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Per task, its status (see PipelineRun: a count of prerequisites, then RUNNING and so on), or,
   * while it is on the stack, the link to the task below it plus 2.
   */
  final int[] status;

  /** The top task in the low 32 bits, EMPTY if none; a version in the high 32 bits. */
  private volatile long readyHead = EMPTY & 0xffffffffL;

  /**
   * HELPER_PENDING, CALLER_PARKED and AWAITER_PARKED, and the count of HANDING_OVER_MARKED_LOCALLY,
   * in one field so that a run stays small.
   */
  private volatile int workers;

  /**
   * The thread inside the executor's {@code execute()} handing this run a helper, if any: a helper
   * that finds its own thread here was run inline by the executor, on the thread handing it over
   * ({@code CallerRunsPolicy} when the pool is full, a direct executor); see {@link #help()}. One
   * thread at a time; another that hands over meanwhile (or this one again, from inside a helper
   * run inline) marks itself in {@link #HANDING_OVER}. A field of the run rather than a
   * thread-local, which with a virtual thread per task would cost every new thread a map of its
   * own; it fills what was padding, so the run stays 72 bytes.
   */
  private volatile Thread handingOver;

  /**
   * The thread in {@code run()}, set before the first push, so every thread that takes a task sees
   * it; or, in a run from {@code start()}, the first thread to wait in {@code await()}.
   */
  Thread caller;

  /**
   * Per thread, the run it is handing a helper to while inside the executor's {@code execute()},
   * when {@link #handingOver} was taken; null if none.
   */
  private static final ThreadLocal<ReadyStack> HANDING_OVER = new ThreadLocal<>();

  /** Per thread, the run whose helper it runs inline; null if none. */
  private static final ThreadLocal<ReadyStack> HELPING_INLINE = new ThreadLocal<>();

  ReadyStack(int[] status) {
    this.status = status;
  }

  /** Where helpers run. */
  abstract Executor executor();

  /** The Runnable handed to the executor: it calls {@link #help()}. */
  abstract Runnable helper();

  /** Runs {@code task}, then the ready dependents this thread keeps for itself. */
  abstract void runFrom(int task);

  /** The executor refused a helper: the tasks on the stack cannot run. */
  abstract void failReadyTasks(Throwable rejected);

  /** A head: {@code task} on top, one version after {@code previous}. */
  private static long head(long previous, int task) {
    return ((previous >>> 32) + 1) << 32 | (task & 0xffffffffL);
  }

  private static int top(long head) {
    return (int) head;
  }

  final void push(int task) {
    pushChain(task, task);
  }

  /**
   * Puts {@code task} on top of a chain of tasks to push together, whose top is {@code chain}
   * (EMPTY for a new chain), and returns the new top. The caller owns the tasks of the chain: no
   * other thread can see them until {@link #pushChain} publishes it.
   */
  final int chain(int task, int chain) {
    TaskStatus.link(status, task, chain);
    return task;
  }

  /** Pushes the chain from {@link #chain} whose top is {@code top} and bottom {@code bottom}. */
  final void pushChain(int top, int bottom) {
    long head;
    do {
      head = readyHead;
      TaskStatus.link(status, bottom, top(head));
    } while (!READY_HEAD.compareAndSet(this, head, head(head, top)));
  }

  final int pop() {
    long head;
    int top;
    do {
      head = readyHead;
      top = top(head);
      if (top == EMPTY) {
        return EMPTY;
      }
    } while (!READY_HEAD.compareAndSet(this, head, head(head, TaskStatus.below(status, top))));
    return top;
  }

  /** The task on top of the stack, or EMPTY; another thread may take it at any moment. */
  final int peek() {
    return top(readyHead);
  }

  /** Takes {@code top} off the stack if it is still on top; false if another thread took it. */
  final boolean popIf(int top) {
    long head = readyHead;
    return top(head) == top
        && READY_HEAD.compareAndSet(this, head, head(head, TaskStatus.below(status, top)));
  }

  final boolean hasReady() {
    return top(readyHead) != EMPTY;
  }

  /** Makes the current thread the one that waits in {@code await()}, unless there is one. */
  final boolean becomeCaller() {
    return caller == null && CALLER.compareAndSet(this, null, Thread.currentThread());
  }

  /**
   * The caller is about to park ({@code which}: CALLER_PARKED or AWAITER_PARKED): a push or the
   * settling from now on unparks it. It checks again after this, so the waker either sees the mark
   * or is seen.
   */
  final void markParked(int which) {
    WORKERS.getAndBitwiseOr(this, which);
  }

  final void clearParked(int which) {
    WORKERS.getAndBitwiseAnd(this, ~which);
  }

  /** At the end of the run: wakes the caller if it is parked, for work or for the end. */
  final void unparkCaller() {
    if ((workers & (CALLER_PARKED | AWAITER_PARKED)) != 0) {
      LockSupport.unpark(caller);
    }
  }

  /**
   * After a push: a thread seated for this run in the {@link HelperWatch} leaves the work for
   * itself (the watch wakes a worker if its current task takes long); any other wakes one now.
   */
  final void wakeWorker() {
    if (HelperWatch.seatedFor(this)) {
      HelperWatch.workWaits();
    } else {
      wakeNow();
    }
  }

  /**
   * Wakes the parked caller of {@code run()} if there is one, else a helper; for a fan-out's
   * elements, also the parked caller of the run they belong to, which takes them too.
   */
  final void wakeNow() {
    if (!wakeParkedCaller()) {
      signalHelper();
      wakeOuterCaller();
    }
  }

  /** Unparks the caller of {@code run()} if it is parked waiting for work; false if it is not. */
  final boolean wakeParkedCaller() {
    if ((workers & CALLER_PARKED) != 0) {
      LockSupport.unpark(caller);
      return true;
    }
    return false;
  }

  /**
   * After a push to a fan-out's elements: wakes the parked caller of the run the fan-out belongs
   * to, since the helper signalled may wait behind that very thread in a small pool.
   */
  abstract void wakeOuterCaller();

  /**
   * Hands a helper to the executor unless one is already waiting to start. An executor that refuses
   * it (throws anything, an Error included) fails the tasks on the stack with the refusal.
   */
  final void signalHelper() {
    for (int seen = workers; (seen & HELPER_PENDING) == 0; seen = workers) {
      if (WORKERS.compareAndSet(this, seen, seen | HELPER_PENDING)) {
        if (HANDING_OVER_THREAD.compareAndSet(this, null, Thread.currentThread())) {
          try {
            executeHelper();
          } finally {
            handingOver = null;
          }
        } else {
          executeHelperMarkedLocally();
        }
        return;
      }
    }
  }

  /** Hands a helper over while another thread (or this one, further down) holds handingOver. */
  private void executeHelperMarkedLocally() {
    WORKERS.getAndAdd(this, HANDING_OVER_MARKED_LOCALLY);
    ReadyStack outer = HANDING_OVER.get();
    HANDING_OVER.set(this);
    try {
      executeHelper();
    } finally {
      HANDING_OVER.set(outer);
      WORKERS.getAndAdd(this, -HANDING_OVER_MARKED_LOCALLY);
    }
  }

  private void executeHelper() {
    try {
      executor().execute(helper());
    } catch (RuntimeException | Error rejected) {
      // No helper will start (or one ran inline and threw): none is pending any more.
      WORKERS.getAndBitwiseAnd(this, ~HELPER_PENDING);
      // A retry's timer may be signalling: failing tasks calls listeners, never on the timer.
      Timer.runOffTimer(() -> failReadyTasks(rejected));
    }
  }

  /** Whether this thread is inside {@code execute()}, handing this run a helper. */
  private boolean handingOverHere() {
    return handingOver == Thread.currentThread()
        || (workers >= HANDING_OVER_MARKED_LOCALLY && HANDING_OVER.get() == this);
  }

  /**
   * The helper's work, on a pool thread: takes ready tasks while there are any. An executor may
   * also run the helper inside {@code execute()}, on the thread handing it over ({@code
   * CallerRunsPolicy} when the pool is full, a direct executor). That helper takes tasks too, but
   * one such helper per run and thread is enough: a helper that this thread handed over from inside
   * one already taking this run's tasks returns at once, and the one further down the stack takes
   * the rest. Without that, each task's hand-off would nest another helper, a few frames per ready
   * task, until the stack overflowed.
   */
  final void help() {
    WORKERS.getAndBitwiseAnd(this, ~HELPER_PENDING);
    if (!handingOverHere()) {
      takeTasks();
      return;
    }
    ReadyStack outer = HELPING_INLINE.get();
    if (outer != this) {
      HELPING_INLINE.set(this);
      try {
        takeTasks();
      } finally {
        HELPING_INLINE.set(outer);
      }
    }
  }

  private void takeTasks() {
    int seat = HelperWatch.sit(this);
    try {
      for (int task = pop(); task != EMPTY; task = pop()) {
        runPopped(task, seat);
      }
    } finally {
      HelperWatch.leave(seat);
    }
  }

  /** Runs a task taken from the stack by a thread in {@code seat} of the {@link HelperWatch}. */
  final void runPopped(int task, int seat) {
    shareWaitingTasks(seat);
    runFrom(task);
  }

  /**
   * Before a thread in {@code seat} of the {@link HelperWatch} (-1 if none) runs a task it took: if
   * more are waiting, a seated thread leaves them for itself and tells the watch, which wakes a
   * worker should they wait a tick or more, and hands a helper over itself if they have waited
   * since before the watch's latest look; a thread without a seat signals another helper at once.
   * Either way they run in parallel where it pays. That holds for async tasks too: their methods
   * should only start work and return, but one that blocks (say, until another task has started)
   * must not keep the tasks behind it from running.
   */
  final void shareWaitingTasks(int seat) {
    if (seat >= 0) {
      if (!hasReady()) {
        HelperWatch.nothingWaits(seat);
      } else if (HelperWatch.waitedLong(seat)) {
        signalHelper();
      } else {
        HelperWatch.workWaits();
      }
    } else if (hasReady()) {
      signalHelper();
    }
  }
}
