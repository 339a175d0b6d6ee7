package dev.taskwire.runtime.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every run, that fires timeouts, deadlines and retries. What it runs
 * is bookkeeping only: a retried task is handed back to its run's own threads.
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
}
