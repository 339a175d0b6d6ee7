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
 * value to RUNNING. Each task is pushed at most once per run (a retry pushes it again only after
 * it was popped), so popping cannot suffer from ABA. A push happens-before the pop that takes the
 * task: the link is published by the CAS on the head.
 */
abstract class ReadyStack {
  /** The ready stack's end marker. */
  static final int EMPTY = -1;

  private static final VarHandle READY_HEAD;
  private static final VarHandle PENDING_HELPERS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      READY_HEAD = lookup.findVarHandle(ReadyStack.class, "readyHead", int.class);
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
  private volatile int readyHead = EMPTY;
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

  final void push(int task) {
    int head;
    do {
      head = readyHead;
      status[task] = head + 2;
    } while (!READY_HEAD.compareAndSet(this, head, task));
  }

  final int pop() {
    int head;
    do {
      head = readyHead;
      if (head == EMPTY) {
        return EMPTY;
      }
    } while (!READY_HEAD.compareAndSet(this, head, status[head] - 2));
    return head;
  }

  /** The task on top of the stack, or EMPTY; another thread may take it at any moment. */
  final int peek() {
    return readyHead;
  }

  /** Takes {@code top} off the stack if it is still on top; false if another thread took it. */
  final boolean popIf(int top) {
    return READY_HEAD.compareAndSet(this, top, status[top] - 2);
  }

  final boolean hasReady() {
    return readyHead != EMPTY;
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
    if (readyHead != EMPTY) {
      signalHelper();
    }
    runFrom(task);
  }
}
