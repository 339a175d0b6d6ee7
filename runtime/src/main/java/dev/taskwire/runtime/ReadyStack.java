package dev.taskwire.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The ready stack of one run and the threads that take from it; {@link PipelineRun} extends it.
 * A task made ready is pushed, and a helper is handed to the executor to take it. A helper that
 * starts and still sees work signals the next, so threads join as long as work remains, without
 * a submission per task. The caller of {@code run()} takes from the stack too (it parks in
 * {@link PipelineRun#workUntilSettled} and a push wakes it). Package-private: a superclass
 * rather than a field, so that a run is still one object.
 *
 * <p>The stack needs no array of its own: a task on it is ready, so its status (see {@link
 * PipelineRun}) has counted down to 0 and nothing else changes it until it runs; the push stores
 * the link to the task below in it instead, as a positive number ({@code below + 2}), which
 * still reads as "not started" to everything that looks at statuses. The task's run CASes that
 * value to RUNNING. A retry pushes a task again after it was popped, so the head carries a
 * version that every push and pop changes: a thread that read the head before such a round trip
 * fails its CAS instead of restoring a stale link (ABA). A push happens-before the pop that takes
 * the task: the link is published by the CAS on the head.
 */
abstract class ReadyStack {
  /** The ready stack's end marker. */
  static final int EMPTY = -1;

  private static final VarHandle READY_HEAD;
  private static final VarHandle PENDING_HELPERS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      READY_HEAD = lookup.findVarHandle(ReadyStack.class, "readyHead", long.class);
      PENDING_HELPERS = lookup.findVarHandle(ReadyStack.class, "pendingHelpers", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Executor executor;
  /**
   * Per task, its status (see PipelineRun: a count of prerequisites, then RUNNING and so on),
   * or, while it is on the stack, the link to the task below it plus 2.
   */
  final int[] status;
  /** The top task in the low 32 bits, EMPTY if none; a version in the high 32 bits. */
  private volatile long readyHead = EMPTY & 0xffffffffL;
  /** Helpers handed to the executor that have not started yet. */
  private volatile int pendingHelpers;
  /** The thread in {@code run()} while it parks for work, so that new work can wake it. */
  volatile Thread parkedCaller;
  /** Created on first use; a benign race at worst creates two equal helpers. */
  private Helper helper;

  ReadyStack(Executor executor, int[] status) {
    this.executor = executor;
    this.status = status;
  }

  /** Runs {@code task}, then the ready dependents this thread keeps for itself. */
  abstract void runFrom(int task);

  /** The executor refused a helper: the tasks on the stack cannot run. */
  abstract void failReadyTasks(Throwable rejected);

  /** On the thread that completed a stage registered with {@link #helper()}. */
  abstract void stagesCompleted();

  /**
   * The run's one helper object, so that a run allocates one however many hand-offs and stages
   * it has: the Runnable handed to the executor, and the callback of pending stages.
   */
  final Helper helper() {
    Helper help = helper;
    if (help == null) {
      helper = help = new Helper();
    }
    return help;
  }

  final class Helper implements Runnable, BiConsumer<Object, Object> {
    @Override
    public void run() {
      help();
    }

    @Override
    public void accept(Object value, Object failure) {
      stagesCompleted();
    }
  }

  /** A head: {@code task} on top, one version after {@code previous}. */
  private static long head(long previous, int task) {
    return ((previous >>> 32) + 1) << 32 | (task & 0xffffffffL);
  }

  private static int top(long head) {
    return (int) head;
  }

  final void push(int task) {
    long head;
    do {
      head = readyHead;
      status[task] = top(head) + 2;
    } while (!READY_HEAD.compareAndSet(this, head, head(head, task)));
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
    } while (!READY_HEAD.compareAndSet(this, head, head(head, status[top] - 2)));
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
        && READY_HEAD.compareAndSet(this, head, head(head, status[top] - 2));
  }

  final boolean hasReady() {
    return top(readyHead) != EMPTY;
  }

  /** After a push: wake the parked caller of {@code run()} if there is one, else a helper. */
  final void wakeWorker() {
    Thread caller = parkedCaller;
    if (caller != null) {
      LockSupport.unpark(caller);
    } else {
      signalHelper();
    }
  }

  /** Hands a helper to the executor unless one is already waiting to start. */
  final void signalHelper() {
    if (pendingHelpers == 0 && PENDING_HELPERS.compareAndSet(this, 0, 1)) {
      try {
        executor.execute(helper());
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
  final void runPopped(int task) {
    if (hasReady()) {
      signalHelper();
    }
    runFrom(task);
  }
}
