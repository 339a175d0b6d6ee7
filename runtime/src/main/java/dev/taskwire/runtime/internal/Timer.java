package dev.taskwire.runtime.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread, shared by every run, that fires timeouts, deadlines and retries. What it runs
 * is bookkeeping only, never user code (a task, a listener, a store, a stage's callbacks), which
 * could block it and so delay every other run's time limits: it marks an attempt timed out,
 * interrupts a thread, makes a task ready again, and hands whatever else must happen to the run's
 * own executor ({@link #handOff}). An executor that refuses fails what was handed to it, as a
 * refused helper does. One that runs the hand-off on the thread making it (a direct executor,
 * {@code CallerRunsPolicy} when full) would run it here, where a task waiting for its own timeout's
 * interrupt would wait forever: such work moves to a {@code taskwire-caller-runs} thread instead
 * ({@link #runOffTimer}), one per piece of work that the executor insists on running inline, gone
 * after a minute idle.
 */
final class Timer {
  private Timer() {}

  /**
   * The timer's thread. Written once, before the thread starts, so the thread itself always sees
   * it; another thread that sees null is not the timer thread either.
   */
  private static Thread timerThread;

  private static final class Holder {
    static final ScheduledThreadPoolExecutor TIMER = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "taskwire-timer");
                thread.setDaemon(true);
                timerThread = thread;
                return thread;
              });
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }

  /** Where work that must not run on the timer thread goes when an executor runs it inline. */
  private static final class CallerRuns {
    static final ExecutorService THREADS =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            1,
            TimeUnit.MINUTES,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "taskwire-caller-runs");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Whether this thread runs bookkeeping only: the timer's, or the {@link HelperWatch}'s, which
   * hands helpers to executors too.
   */
  static boolean isBookkeepingThread() {
    Thread current = Thread.currentThread();
    return current == timerThread || HelperWatch.isWatchThread();
  }

  /**
   * Runs {@code action} on this thread, unless this is the timer thread, which an executor that
   * runs work inline led here: then on a {@code taskwire-caller-runs} thread. Should that thread
   * not start (no memory for it), here after all.
   */
  static void runOffTimer(Runnable action) {
    if (isBookkeepingThread()) {
      try {
        CallerRuns.THREADS.execute(action);
        return;
      } catch (RuntimeException | Error cannotMove) {
        // fall through: late on the timer is better than never
      }
    }
    action.run();
  }

  static ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
    return Holder.TIMER.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * From the timer thread: hands {@code action} to {@code executor}, never to run on the timer
   * thread (see {@link #runOffTimer}). Returns null, or what the executor threw to refuse it, for
   * the caller to fail the work with.
   */
  static Throwable handOff(Executor executor, Runnable action) {
    try {
      executor.execute(() -> runOffTimer(action));
      return null;
    } catch (RuntimeException | Error refused) {
      return refused;
    }
  }
}
