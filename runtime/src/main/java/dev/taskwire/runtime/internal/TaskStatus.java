package dev.taskwire.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The status of each task of a run, one {@code int} per task in one array, and every change of it.
 * Nothing else reads or writes a status cell: the scheduler, timeouts, retries, fan-outs and
 * messages all go through the named methods here, so that a race can be checked against the list
 * below.
 *
 * <h2>Values</h2>
 *
 * <ul>
 *   <li>{@code n > 0}: waiting for {@code n} prerequisites to succeed ({@link #LEFT_OUT}, which is
 *       never counted down, for a task the run leaves out);
 *   <li>{@code 0}: ready; while the task is on its run's ready stack, the cell holds the link to
 *       the task below instead, {@code below + 2}, also positive (see {@link ReadyStack});
 *   <li>{@link #RUNNING}, {@link #COMPLETING}, {@link #RETRY_WAIT}: started;
 *   <li>{@link #SUCCEEDED}, {@link #FAILED}, {@link #CANCELLED}: ended, for good.
 * </ul>
 *
 * So every value {@code >= 0} means "not started", whatever else it says.
 *
 * <h2>Transitions</h2>
 *
 * <pre>
 * n      -> n - 1       {@link #countDown}: a prerequisite succeeded (or failed, for a task that
 *                       takes its Outcome); the thread that reaches 0 makes the task ready
 * 0      -> link       {@link #link}: pushed on the ready stack by the thread that made it ready
 * link   -> link       {@link #link}: popped, not claimed, and pushed again by the same thread:
 *                       start()'s caller holds the sync tasks it takes off the stack to reach the
 *                       async ones (see AsyncStages.callReadyHere); a popped task is that thread's
 * link   -> RUNNING    {@link #claim}: by the one thread that popped it (or kept it), a plain
 *                       release store: nothing else changes a ready task's cell. That thread
 *                       first checks that the run is still active; if it is not, a task that never
 *                       started stays unclaimed (the run's end reports it skipped). A task ready
 *                       for its next attempt when the run stopped (to end cancelled), or whose
 *                       hand-off the executor refused (to end failed), is claimed only to end at
 *                       once, through beginEnding
 * RUNNING -> COMPLETING  {@link #beginEnding}: CAS; the attempt's end, its timeout and the run's
 *                       stop race for it and only the winner ends the task
 * RUNNING -> SUCCEEDED | FAILED | CANCELLED   {@link #end}, without a CAS: only for a sync task
 *                       without timeout or retries, which nothing but its own thread can end
 * COMPLETING -> SUCCEEDED | FAILED | CANCELLED  {@link #end}: by the winner of beginEnding
 * RUNNING -> RETRY_WAIT  {@link #waitForRetry}: CAS; an attempt failed and will be retried
 * RETRY_WAIT -> 0      {@link #readyForRetry}: CAS; the backoff passed, the task is pushed again.
 *                       With oneAttemptAtATime, after a timeout, the task also waits in RETRY_WAIT
 *                       for the timed-out attempt's stage to complete: whichever of the two comes
 *                       last makes this transition (see Retries.Wait)
 * RETRY_WAIT -> COMPLETING  {@link #beginEndingRetry}: CAS; the run stopped during the backoff (or
 *                       while waiting for that stage, which the winner then cancels)
 * </pre>
 *
 * A resumed run starts some cells at {@link #SUCCEEDED} (see {@link RunPlan}). Values are written
 * with volatile (or release) semantics, so that the value a task stored before its status became
 * SUCCEEDED is visible to whoever reads that status.
 */
final class TaskStatus {
  static final int RUNNING = -1;

  /** Briefly, while the thread that won {@link #beginEnding} stores the outcome. */
  static final int COMPLETING = -2;

  static final int SUCCEEDED = -3;
  static final int FAILED = -4;
  static final int CANCELLED = -5;

  /**
   * Failed an attempt and waits (on the timer, holding no thread) to be retried; with
   * oneAttemptAtATime, also until a timed-out attempt's stage has completed.
   */
  static final int RETRY_WAIT = -6;

  /**
   * The status of a task the run leaves out: positive like a count of prerequisites still to
   * succeed, and so large that the run's count-downs never bring it to zero.
   */
  static final int LEFT_OUT = Integer.MAX_VALUE;

  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(int[].class);

  private TaskStatus() {}

  static int get(int[] status, int task) {
    return (int) CELLS.getVolatile(status, task);
  }

  /** Whether a status value means the task has not started (waiting, ready or linked). */
  static boolean notStarted(int value) {
    return value >= 0;
  }

  /** A prerequisite of {@code task} is done; true if that made the task ready. */
  static boolean countDown(int[] status, int task) {
    return (int) CELLS.getAndAdd(status, task, -1) == 1;
  }

  /**
   * Stores the ready stack's link below ready task {@code task}; the stack's head CAS publishes it.
   * Only the thread that made the task ready (or the one pushing a chain it owns) calls this.
   */
  static void link(int[] status, int task, int below) {
    status[task] = below + 2;
  }

  /** The task below {@code task} on the ready stack, as {@link #link} stored it. */
  static int below(int[] status, int task) {
    return status[task] - 2;
  }

  /**
   * The thread that took ready task {@code task} off the stack starts it. Nothing else changes a
   * ready task's cell, so this cannot fail in a correct scheduler; false, rather than a start, if
   * the cell says the task has started after all.
   */
  static boolean claim(int[] status, int task) {
    if (!notStarted(get(status, task))) {
      return false;
    }
    CELLS.setRelease(status, task, RUNNING);
    return true;
  }

  /** RUNNING to COMPLETING: true for the one caller that may end the task's attempt. */
  static boolean beginEnding(int[] status, int task) {
    return CELLS.compareAndSet(status, task, RUNNING, COMPLETING);
  }

  /** The task ended with {@code outcome}: SUCCEEDED, FAILED or CANCELLED. */
  static void end(int[] status, int task, int outcome) {
    CELLS.setVolatile(status, task, outcome);
  }

  /** RUNNING to RETRY_WAIT: false if a timeout or a stop ended the attempt first. */
  static boolean waitForRetry(int[] status, int task) {
    return CELLS.compareAndSet(status, task, RUNNING, RETRY_WAIT);
  }

  /** RETRY_WAIT to ready: false if the run stopped the task during its backoff. */
  static boolean readyForRetry(int[] status, int task) {
    return CELLS.compareAndSet(status, task, RETRY_WAIT, 0);
  }

  /** RETRY_WAIT to COMPLETING, to end a task that waits for its retry as cancelled. */
  static boolean beginEndingRetry(int[] status, int task) {
    return CELLS.compareAndSet(status, task, RETRY_WAIT, COMPLETING);
  }

  /** Whether the task is in an attempt: running, ending, or between attempts. */
  static boolean isInAttempt(int value) {
    return value == RUNNING || value == COMPLETING || value == RETRY_WAIT;
  }
}
