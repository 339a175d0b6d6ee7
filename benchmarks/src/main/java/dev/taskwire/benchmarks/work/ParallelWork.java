package dev.taskwire.benchmarks.work;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * Four independent tasks that each keep a CPU busy for {@code micros}, then their sum: where
 * parallelism pays on 2 threads once the work outweighs a hand-off between threads.
 */
public class ParallelWork {
  /** What {@code sum} returns. */
  public static final int EXPECTED = 1 + 2 + 3 + 4;

  private final long micros;

  public ParallelWork(long micros) {
    this.micros = micros;
  }

  /**
   * Keeps this thread busy for {@code micros} (not asleep: the work needs a core), then {@code
   * value}.
   */
  public static int work(long micros, int value) {
    long end = System.nanoTime() + micros * 1_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    return value;
  }

  @Task
  public int one() {
    return work(micros, 1);
  }

  @Task
  public int two() {
    return work(micros, 2);
  }

  @Task
  public int three() {
    return work(micros, 3);
  }

  @Task
  public int four() {
    return work(micros, 4);
  }

  @Task
  public int sum(
      @DependsOn("one") int one,
      @DependsOn("two") int two,
      @DependsOn("three") int three,
      @DependsOn("four") int four) {
    return one + two + three + four;
  }

  /** The same by plain calls, one after another. */
  public int sequential() {
    return sum(one(), two(), three(), four());
  }
}
