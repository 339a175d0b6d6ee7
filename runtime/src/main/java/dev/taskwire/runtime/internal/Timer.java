package dev.taskwire.runtime.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every run, that fires timeouts, deadlines and retries. What it runs
 * is bookkeeping only, never user code (a task, a listener, a store, a stage's callbacks), which
 * could block it and so delay every other run's time limits: it marks an attempt timed out,
 * interrupts a thread, makes a task ready again, and hands whatever else must happen to the run's
 * own executor ({@link #handOff}). An executor that refuses fails what was handed to it, as a
 * refused helper does; one that runs the hand-off on the thread making it (a direct executor,
 * {@code CallerRunsPolicy} when full) runs it here, which is that executor's choice.
 */
final class Timer {
  private Timer() {}

  private static final class Holder {
    static final ScheduledThreadPoolExecutor TIMER = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "taskwire-timer");
                thread.setDaemon(true);
                return thread;
              });
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }

  static ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
    return Holder.TIMER.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * From the timer thread: hands {@code action} to {@code executor}. Returns null, or what the
   * executor threw to refuse it, for the caller to fail the work with.
   */
  static Throwable handOff(Executor executor, Runnable action) {
    try {
      executor.execute(action);
      return null;
    } catch (RuntimeException | Error refused) {
      return refused;
    }
  }
}
