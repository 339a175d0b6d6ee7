package dev.taskwire.runtime.internal;

/**
 * Shared limits on the scheduler's side ({@code @Task(limit = "automl")}, see {@link
 * LimitPermits}): a task that names one takes a permit before its attempt starts, and gives it back
 * when the attempt ends, however it ends. A task that finds no permit free is still ready but on no
 * stack: its in-flight slot holds its {@link Wait}, no thread waits for it, and the permit's
 * release pushes it on its run's ready stack with the permit already its own. A stop takes it out
 * of the queue and it leaves without starting, as any ready task does.
 */
final class Limits {
  private Limits() {}

  /** A task waiting for a permit: in its limit's queue and in its in-flight slot. */
  static final class Wait {
    final Scheduler run;
    final int task;
    final LimitPermits limit;

    Wait(Scheduler run, int task, LimitPermits limit) {
      this.run = run;
      this.task = task;
      this.limit = limit;
    }
  }

  /**
   * On the thread about to start {@code task}, whose in-flight slot holds that thread: true if the
   * task may start (it names no limit, holds a permit, or took a free one); false if it now waits
   * for a permit and this thread must let it go (without leaving: the task is still active).
   */
  static boolean mayStart(Scheduler run, int task, Thread thread) {
    LimitPermits limit = run.template.limitOf(task);
    if (limit == null) {
      return true;
    }
    RunFeatures features = run.features;
    if (features.holdsPermit(task)) {
      return true; // given by a release while it waited
    }
    if (limit.tryAcquire()) {
      features.tookPermit(task);
      return true;
    }
    // Told while this thread still owns the task: once queued, a release may start it at once.
    // If a permit comes free just below, the wait told of lasted no time.
    RunEvents.limited(run, task, limit.name());
    Wait wait = new Wait(run, task, limit);
    // Published before it is queued, so that a release that picks it finds it there.
    run.release(task, thread);
    run.setInFlight(task, wait);
    if (limit.acquireOrQueue(wait)) {
      features.tookPermit(task);
      run.setInFlight(task, thread);
      if (!run.isActive()) {
        // A stop may have scanned the slot while it held the wait: it did not see this thread.
        run.release(task, thread);
        release(run, task);
        run.stoppedBeforeStart(task);
        return false;
      }
      return true;
    }
    // stop() sets the phase, then scans in-flight slots: it either sees the wait or we see it.
    if (!run.isActive()) {
      cancel(run, wait);
    }
    return false;
  }

  /**
   * Gives back the permit {@code task}'s attempt holds, if it holds one; the next waiter gets it.
   * Idempotent: every way an attempt ends calls it.
   */
  static void release(Scheduler run, int task) {
    RunFeatures features = run.features;
    if (features == null || !features.dropPermit(task)) {
      return;
    }
    Wait next = run.template.limitOf(task).release();
    if (next != null) {
      grant(next);
    }
  }

  /** {@code wait}'s task holds a permit now: it is pushed to start on its run's threads. */
  private static void grant(Wait wait) {
    Scheduler run = wait.run;
    run.features.tookPermit(wait.task);
    run.takeInFlight(wait.task, wait);
    // A stopped run's task is popped, gives the permit back and leaves without starting.
    run.push(wait.task);
    run.wakeWorker();
  }

  /**
   * For a stop: takes the waiting task out of its limit's queue; it leaves without starting. Does
   * nothing if a release gave it a permit first: it is on its way to the ready stack.
   */
  static void cancel(Scheduler run, Wait wait) {
    if (wait.limit.withdraw(wait) && run.takeInFlight(wait.task, wait)) {
      run.stoppedBeforeStart(wait.task);
    }
  }
}
