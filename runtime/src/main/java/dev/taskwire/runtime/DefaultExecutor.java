package dev.taskwire.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor used when {@link RunOptions} names none. Tasks may block (I/O, sleeps, locks), so it
 * must never run out of threads: virtual threads where the JVM has them (Java 21+), otherwise an
 * unbounded cached pool of daemon threads. Neither keeps the JVM alive, and the pool's idle threads
 * end after {@link #IDLE_SECONDS}.
 */
final class DefaultExecutor {
  static final long IDLE_SECONDS = 5;

  private DefaultExecutor() {}

  static Executor get() {
    return Holder.INSTANCE;
  }

  /** Lazily created on first use, once per JVM. */
  private static final class Holder {
    static final Executor INSTANCE = create();
  }

  private static Executor create() {
    Executor virtual = virtualThreadPerTaskExecutor();
    return virtual != null ? virtual : cachedDaemonPool();
  }

  /**
   * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("taskwire-virtual-", 1)
   * .factory())} on Java 21+, or null on older JVMs. Named, so that logs and traces can tell the
   * threads apart (virtual threads have no name by default).
   */
  private static Executor virtualThreadPerTaskExecutor() {
    if (Runtime.version().feature() < 21) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Object ofVirtual =
          lookup
              .findStatic(
                  Thread.class,
                  "ofVirtual",
                  MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")))
              .invoke();
      Object named =
          lookup
              .findVirtual(
                  builder, "name", MethodType.methodType(builder, String.class, long.class))
              .invoke(ofVirtual, "taskwire-virtual-", 1L);
      ThreadFactory factory =
          (ThreadFactory)
              lookup
                  .findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class))
                  .invoke(named);
      return (ExecutorService)
          lookup
              .findStatic(
                  java.util.concurrent.Executors.class,
                  "newThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class, ThreadFactory.class))
              .invoke(factory);
    } catch (Throwable unavailable) {
      return null;
    }
  }

  private static Executor cachedDaemonPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory daemons =
        runnable -> {
          Thread thread = new Thread(runnable, "taskwire-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemons);
    return pool;
  }
}
