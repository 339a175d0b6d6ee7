package dev.taskwire.runtime.internal;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;

/**
 * What the random stress tests share: a pool for the runs, threads standing in for a remote service
 * that completes async calls later, and the generator of their trials' seeds.
 */
abstract class StressFixture {
  final ExecutorService pool = Executors.newFixedThreadPool(4);
  final ScheduledExecutorService remote = Executors.newScheduledThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
    remote.shutdownNow();
  }

  /** The seeds of the trials: from {@code -Dtaskwire.stress.seed}, else {@code defaultSeed}. */
  static Random seeds(long defaultSeed) {
    return new Random(Long.getLong("taskwire.stress.seed", defaultSeed));
  }
}
