package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Races for the unit tests of the scheduler's atomics. In each round, {@code parties} threads do
 * one thing each, all starting at once; the test thread prepares each round before it and checks it
 * after all parties are done.
 *
 * <p>The parties spin, rather than block, while they wait for a round to start: a thread woken from
 * a barrier or latch starts microseconds after another, long enough for most races to be missed.
 * The test thread publishes a round by a volatile write of its number after preparing it, and the
 * parties report the end of their part through an atomic count, so the preparation happens-before
 * the parties' actions, and those happen-before the check: plain fields suffice for the state of a
 * round. The time limit only guards against a hang.
 */
final class Race {
  private static final long HANG_GUARD_NANOS = SECONDS.toNanos(30);

  /** Sets up a round, given the parties' threads (party {@code i} is {@code parties[i]}). */
  interface Prepare {
    void prepare(Thread[] parties);
  }

  /** What one party does in a round. */
  interface Party {
    void act(int party) throws Exception;
  }

  private volatile int round;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicReference<Throwable> failed = new AtomicReference<>();

  private Race() {}

  static void rounds(int rounds, int parties, Prepare prepare, Party party, Runnable check)
      throws Exception {
    new Race().run(rounds, parties, prepare, party, check);
  }

  private void run(int rounds, int parties, Prepare prepare, Party party, Runnable check)
      throws InterruptedException {
    Thread[] threads = new Thread[parties];
    for (int p = 0; p < parties; p++) {
      int index = p;
      threads[p] = new Thread(() -> take(rounds, index, party), "race-party-" + p);
      threads[p].setDaemon(true);
      threads[p].start();
    }
    try {
      for (int r = 1; r <= rounds; r++) {
        prepare.prepare(threads.clone());
        done.set(0);
        round = r;
        long deadline = System.nanoTime() + HANG_GUARD_NANOS;
        while (done.get() < parties) {
          if (failed.get() != null) {
            throw new AssertionError("a party failed in round " + r, failed.get());
          }
          if (System.nanoTime() - deadline > 0) {
            throw new AssertionError("the parties hang in round " + r);
          }
          Thread.yield();
        }
        check.run();
      }
    } finally {
      round = -1;
      for (Thread thread : threads) {
        thread.join(SECONDS.toMillis(30));
      }
    }
  }

  private void take(int rounds, int index, Party party) {
    try {
      for (int r = 1; r <= rounds; r++) {
        long deadline = System.nanoTime() + HANG_GUARD_NANOS;
        for (int spins = 0; round != r; spins++) {
          if (round < 0 || System.nanoTime() - deadline > 0) {
            return;
          }
          if (spins % 1024 == 1023) {
            Thread.yield();
          } else {
            Thread.onSpinWait();
          }
        }
        party.act(index);
        done.incrementAndGet();
      }
    } catch (Throwable thrown) {
      failed.compareAndSet(null, thrown);
    }
  }
}
