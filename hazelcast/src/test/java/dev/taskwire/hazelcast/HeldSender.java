package dev.taskwire.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A dispatcher's threads ({@link HazelcastDispatcher.Builder#dispatcherThreads}) held until
 * released, so that which calls go together in a batch does not depend on timing; afterwards it
 * runs what it is given on the common pool.
 */
final class HeldSender implements Executor {
  private final List<Runnable> held = new ArrayList<>();
  private boolean released;

  @Override
  public synchronized void execute(Runnable command) {
    if (released) {
      ForkJoinPool.commonPool().execute(command);
    } else {
      held.add(command);
    }
  }

  synchronized void release() {
    released = true;
    held.forEach(ForkJoinPool.commonPool()::execute);
  }

  /** Waits until {@code calls} calls wait for the sender. */
  static void awaitWaiting(HazelcastDispatcher dispatcher, int calls) throws InterruptedException {
    long limit = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (dispatcher.callsWaiting() < calls) {
      if (System.nanoTime() > limit) {
        throw new AssertionError(dispatcher.callsWaiting() + " of " + calls + " calls waiting");
      }
      Thread.sleep(1);
    }
  }
}
