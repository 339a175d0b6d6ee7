package dev.taskwire.it;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the trials of {@link TrialComparison} and {@link TrialComparisonWithBest} do: one training
 * per grid entry, of which one may fail, and one may wait until that failure has been reported.
 */
final class Trials {
  /** A trial's score; Serializable so that result stores can keep it. */
  record Score(int trial, double error) implements Serializable {}

  static final List<Integer> GRID = List.of(0, 1, 2, 3);

  /** What the failing trial throws, the same instance every time. */
  final IllegalStateException divergence = new IllegalStateException("the training diverged");

  /** Counted down by the test when it hears that the failing trial failed. */
  final CountDownLatch failureSeen = new CountDownLatch(1);

  /** Counted down by the waiting trial once it waits, before the failing trial may fail. */
  final CountDownLatch siblingWaiting = new CountDownLatch(1);

  private final int failing;
  private final int waiting;

  /**
   * Trials of which one may fail, and one may wait for that.
   *
   * @param failing the trial that throws {@link #divergence}, or -1 for none
   * @param waiting the trial that waits for {@link #failureSeen} until the failing trial has
   *     failed, which waits for it in turn; or -1 for none
   */
  Trials(int failing, int waiting) {
    this.failing = failing;
    this.waiting = waiting;
  }

  Score train(int trial) throws InterruptedException, TimeoutException {
    if (trial == waiting) {
      siblingWaiting.countDown();
      await(failureSeen, "trial " + failing + " to fail");
    }
    if (trial == failing) {
      if (waiting >= 0) {
        await(siblingWaiting, "trial " + waiting + " to wait");
      }
      throw divergence;
    }
    return new Score(trial, trial / 2.0);
  }

  /** Waits, at most long enough that a broken build fails instead of hanging. */
  private static void await(CountDownLatch latch, String what)
      throws InterruptedException, TimeoutException {
    if (!latch.await(10, TimeUnit.SECONDS)) {
      throw new TimeoutException("waited 10 s for " + what);
    }
  }
}
