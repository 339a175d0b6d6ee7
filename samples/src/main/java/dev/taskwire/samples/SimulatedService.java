package dev.taskwire.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a remote AutoML service: every call answers after a delay, like a network round
 * trip plus server time, and no thread waits meanwhile (the reply is scheduled, not slept for).
 */
public final class SimulatedService {
  private final long latencyMillis;
  private final AtomicInteger ids = new AtomicInteger();

  public SimulatedService(long latencyMillis) {
    this.latencyMillis = latencyMillis;
  }

  public CompletableFuture<Dataset> upload(List<double[]> rows) {
    return later(() -> new Dataset("ds-" + ids.incrementAndGet(), List.copyOf(rows)));
  }

  /** Fits y = slope * x + intercept by least squares on the rows whose y is known. */
  public CompletableFuture<Model> train(Dataset train) {
    return later(
        () -> {
          double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
          for (double[] row : train.rows()) {
            n++;
            sx += row[0];
            sy += row[1];
            sxx += row[0] * row[0];
            sxy += row[0] * row[1];
          }
          double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
          return new Model("model-" + ids.incrementAndGet(), slope, (sy - slope * sx) / n);
        });
  }

  private <T> CompletableFuture<T> later(java.util.function.Supplier<T> reply) {
    Executor delayed = CompletableFuture.delayedExecutor(latencyMillis, TimeUnit.MILLISECONDS);
    return CompletableFuture.supplyAsync(reply, delayed);
  }

  /** Deterministic rows around y = 3x + 2, with known y (training) or NaN (forecast). */
  public static List<double[]> rows(int count, boolean withTarget, long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double x = random.nextDouble() * 10;
      rows.add(new double[] {x, withTarget ? 3 * x + 2 + random.nextGaussian() * 0.1 : Double.NaN});
    }
    return rows;
  }
}
