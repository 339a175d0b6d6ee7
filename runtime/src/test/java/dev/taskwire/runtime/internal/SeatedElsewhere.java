package dev.taskwire.runtime.internal;

import java.util.concurrent.Executor;

/**
 * Threads that hold a seat in the {@link HelperWatch} for another run, as a thread does that takes
 * a run's tasks inside a task of another: for the run under test they wake helpers the eager way,
 * handing one over before each task they take while others wait. Tests that stop a run inside that
 * hand-off use it.
 */
final class SeatedElsewhere {
  /** A run of no tasks that only holds the seats. */
  private static final ReadyStack ELSEWHERE = emptyRun();

  /** A ready stack of no tasks, for tests that only need a run to sit for. */
  static ReadyStack emptyRun() {
    return new ReadyStack(new int[0]) {
      @Override
      Executor executor() {
        throw new UnsupportedOperationException();
      }

      @Override
      Runnable helper() {
        throw new UnsupportedOperationException();
      }

      @Override
      void runFrom(int task) {
        throw new UnsupportedOperationException();
      }

      @Override
      void failReadyTasks(Throwable rejected) {
        throw new UnsupportedOperationException();
      }

      @Override
      void wakeOuterCaller() {}
    };
  }

  private SeatedElsewhere() {}

  /** Runs {@code action} on this thread while it holds a seat for another run. */
  static void run(Runnable action) {
    int seat = HelperWatch.sit(ELSEWHERE);
    try {
      action.run();
    } finally {
      HelperWatch.leave(seat);
    }
  }

  /** An executor whose helpers run on {@code pool}'s threads while they hold a seat elsewhere. */
  static Executor executor(Executor pool) {
    return helper -> pool.execute(() -> run(helper));
  }
}
