package dev.taskwire.hazelcast;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the dispatchers send batches, read large replies and cancel calls on. Their own, not
 * the common pool: a run whose caller waits on a common-pool thread (in a parallel stream, say)
 * would hold that pool's one thread on a machine of two cores, and a batch queued behind it would
 * never leave. Daemon threads, at most one a core, each ending after ten seconds without work.
 */
final class DispatcherThreads {
  private DispatcherThreads() {}

  static final Executor EXECUTOR = create();

  private static ThreadPoolExecutor create() {
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "taskwire-hazelcast-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
