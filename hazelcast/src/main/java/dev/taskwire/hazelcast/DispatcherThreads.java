package dev.taskwire.hazelcast;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the dispatchers send batches, read large replies and cancel calls on. Their own, not
 * the common pool: a run whose caller waits on a common-pool thread (in a parallel stream, say)
 * would hold that pool's one thread on a machine of two cores, and a batch queued behind it would
 * never leave. A fork-join pool all the same, whose threads look for work a moment before they
 * park, so that a burst of batches does not wake a thread for each; one thread per two cores, as a
 * second thread on two cores, its looking for work competing with the run's and Hazelcast's
 * threads, made a dispatched element in batches 1.3x slower (a plain thread pool of two, 1.2x).
 * Daemon threads, each ending after ten seconds without work.
 */
final class DispatcherThreads {
  private DispatcherThreads() {}

  static final Executor EXECUTOR = create();

  private static ForkJoinPool create() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    AtomicInteger count = new AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory factory =
        pool -> {
          ForkJoinWorkerThread thread =
              ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
          thread.setName("taskwire-hazelcast-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ForkJoinPool(
        threads, factory, null, true, 0, threads, 1, pool -> true, 10, TimeUnit.SECONDS);
  }
}
