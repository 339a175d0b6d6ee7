package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.SharedLimit;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A {@link SharedLimit}'s permits: a count and a first-come queue of the tasks waiting for one. A
 * waiting task holds no thread; a released permit passes straight to the first waiter, which is
 * pushed on its run's ready stack (see {@link Limits}). Made by {@link
 * dev.taskwire.runtime.RunOptions#limit}; not for use outside the runtime.
 */
public final class LimitPermits implements SharedLimit {
  private final String name;
  private final int permits;

  /** Guarded by this. */
  private int inUse;

  /** Guarded by this. */
  private final ArrayDeque<Limits.Wait> waiting = new ArrayDeque<>();

  public LimitPermits(String name, int permits) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("a limit's name must not be blank");
    }
    if (permits < 1) {
      throw new IllegalArgumentException(
          "limit '" + name + "' must allow at least one call at a time, not " + permits);
    }
    this.name = name;
    this.permits = permits;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int permits() {
    return permits;
  }

  @Override
  public synchronized int inUse() {
    return inUse;
  }

  @Override
  public synchronized int waiting() {
    return waiting.size();
  }

  /** Takes a permit if one is free. */
  synchronized boolean tryAcquire() {
    if (inUse < permits) {
      inUse++;
      return true;
    }
    return false;
  }

  /** Takes a permit if one is free; otherwise queues {@code wait} and returns false. */
  synchronized boolean acquireOrQueue(Limits.Wait wait) {
    if (inUse < permits) {
      inUse++;
      return true;
    }
    waiting.addLast(wait);
    return false;
  }

  /**
   * Gives a permit back: to the first waiter if there is one (returned, now holding it), otherwise
   * to the pool (returns null).
   */
  synchronized Limits.Wait release() {
    Limits.Wait next = waiting.pollFirst();
    if (next == null) {
      inUse--;
    }
    return next;
  }

  /** Takes {@code wait} out of the queue; false if it was given a permit already. */
  synchronized boolean withdraw(Limits.Wait wait) {
    return waiting.remove(wait);
  }

  @Override
  public synchronized String toString() {
    return "limit '"
        + name
        + "' ("
        + inUse
        + " of "
        + permits
        + " in use, "
        + waiting.size()
        + " waiting)";
  }
}
