package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the random stress tests share: a pool for the runs, a small pool that runs what it cannot
 * queue on the thread handing it over (CallerRunsPolicy), threads standing in for a remote service
 * that completes async calls later, listeners that throw Errors, and the generator of their trials'
 * seeds.
 */
abstract class StressFixture {
  /** Held, so that the logger (weakly referenced by its manager) keeps the level set here. */
  private static final Logger RUNTIME_LOG = Logger.getLogger("dev.taskwire.runtime");

  private static Level logLevel;

  final ExecutorService pool = Executors.newFixedThreadPool(4);

  /** Two threads and a queue of one: hand-offs it cannot take run on the handing thread. */
  final ThreadPoolExecutor callerRunsPool =
      new ThreadPoolExecutor(
          2,
          2,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(1),
          new ThreadPoolExecutor.CallerRunsPolicy());

  /** One thread: a run() nested in a task of another run must not wait for a second. */
  final ExecutorService onePool = Executors.newSingleThreadExecutor();

  final ScheduledExecutorService remote = Executors.newScheduledThreadPool(2);

  /** The faulty listeners log a warning per Error; thousands of them would bury the output. */
  @BeforeAll
  static void quietRuntimeWarnings() {
    logLevel = RUNTIME_LOG.getLevel();
    RUNTIME_LOG.setLevel(Level.SEVERE);
  }

  @AfterAll
  static void restoreRuntimeWarnings() {
    RUNTIME_LOG.setLevel(logLevel);
  }

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
    callerRunsPool.shutdownNow();
    onePool.shutdownNow();
    remote.shutdownNow();
  }

  /**
   * The seeds of a test's {@code count} graphs, drawn from {@code firstSeed}; with {@code
   * -Dtaskwire.stress.seed=N}, the one seed N, as a failure's message prints it, to replay that
   * graph alone.
   */
  static long[] graphSeeds(long firstSeed, int count) {
    Long replay = Long.getLong("taskwire.stress.seed");
    if (replay != null) {
      return new long[] {replay};
    }
    Random seeds = new Random(firstSeed);
    long[] drawn = new long[count];
    for (int graph = 0; graph < count; graph++) {
      drawn[graph] = seeds.nextLong();
    }
    return drawn;
  }

  /** The executor of one trial: one in four runs on the CallerRunsPolicy pool. */
  ExecutorService executorFor(Random random) {
    return random.nextInt(4) == 0 ? callerRunsPool : pool;
  }

  /** An Error of the stress tests' own, from a faulty listener or store. */
  static final class InjectedError extends Error {
    private static final long serialVersionUID = 1L;

    InjectedError(String message) {
      super(message, null, false, false); // no stack trace: thrown by the thousand
    }
  }

  /**
   * A listener that throws an {@link InjectedError} from one event in {@code every}, any event:
   * listeners are isolated, so the run, and the other listeners, must not notice.
   */
  static TaskListener faultyListener(int every) {
    AtomicInteger events = new AtomicInteger();
    return new TaskListener() {
      private void maybeThrow() {
        if (events.incrementAndGet() % every == 0) {
          throw new InjectedError("listener");
        }
      }

      @Override
      public void runStarted(RunEvent event) {
        maybeThrow();
      }

      @Override
      public void runFinished(RunEvent event) {
        maybeThrow();
      }

      @Override
      public void taskScheduled(TaskEvent event) {
        maybeThrow();
      }

      @Override
      public void taskStarted(TaskEvent event) {
        maybeThrow();
      }

      @Override
      public void taskRetried(TaskEvent event) {
        maybeThrow();
      }

      @Override
      public void taskSucceeded(TaskEvent event) {
        maybeThrow();
      }

      @Override
      public void taskFailed(TaskEvent event) {
        maybeThrow();
      }

      @Override
      public void taskCancelled(TaskEvent event) {
        maybeThrow();
      }

      @Override
      public void taskSkipped(TaskEvent event) {
        maybeThrow();
      }
    };
  }
}
