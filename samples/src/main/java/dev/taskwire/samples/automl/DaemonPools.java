package dev.taskwire.samples.automl;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small, bounded pools of named daemon threads, and their orderly shutdown. Every thread the sample
 * starts comes from here, so a thread dump (or a test) can tell them apart by name, and none of
 * them can keep the JVM alive.
 */
public final class DaemonPools {
  private DaemonPools() {}

  /** A pool of exactly {@code threads} threads named {@code prefix-1}, {@code prefix-2}, ... */
  public static ExecutorService fixed(String prefix, int threads) {
    return Executors.newFixedThreadPool(threads, named(prefix));
  }

  /** A one-thread timer for delays; cancelled tasks are dropped at once, not kept until due. */
  public static ScheduledExecutorService timer(String prefix) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named(prefix));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  public static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Stops {@code pool} and waits a little for its threads to end, so that a caller that closed
   * something can rely on its threads being gone.
   */
  public static void shutdown(ExecutorService pool) {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        System.err.println("warning: a pool's threads did not end within 5 s: " + pool);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
