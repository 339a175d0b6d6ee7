package dev.taskwire.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every contender shares: one fixed pool per trial, passed as taskwire's {@code
 * RunOptions} executor, as the {@code *Async} executor of the hand-written {@code
 * CompletableFuture} code and as Dagger's {@code @Production} executor; and, for the async shape,
 * one timer thread that completes the simulated remote calls.
 */
public final class BenchmarkThreads {
  private BenchmarkThreads() {}

  /** A fixed pool of {@code threads} daemon threads, all started before the first task. */
  public static ExecutorService fixedPool(int threads) {
    ThreadPoolExecutor pool =
        (ThreadPoolExecutor) Executors.newFixedThreadPool(threads, daemon("bench-pool-"));
    pool.prestartAllCoreThreads();
    return pool;
  }

  /** One daemon thread that completes delayed futures. */
  public static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("bench-timer-"));
    timer.setRemoveOnCancelPolicy(true);
    timer.prestartAllCoreThreads();
    return timer;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
