package dev.taskwire.benchmarks.diamond;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * The diamond: {@code a} feeds {@code b} and {@code c}, which both feed {@code d}. Four tasks with
 * trivial bodies, so a run measures scheduling only. Every contender calls these same methods
 * (Dagger's module repeats the arithmetic, see {@link DiamondProducerModule}).
 */
public class Diamond {
  /** What {@code d} returns: a = 1, b = 2, c = 2, d = 3 * 2 + 2. */
  public static final int EXPECTED = 8;

  /**
   * Added to the source's value; 0. A field, not a constant, so that the JIT cannot fold a whole
   * sequential run into one number.
   */
  public int origin;

  @Task
  public int a() {
    return origin + 1;
  }

  @Task
  public int b(@DependsOn("a") int a) {
    return a + 1;
  }

  @Task
  public int c(@DependsOn("a") int a) {
    return a * 2;
  }

  @Task
  public int d(@DependsOn("b") int b, @DependsOn("c") int c) {
    return 3 * b + c;
  }
}
