package dev.taskwire.benchmarks.async;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A remote service whose every call answers after {@link #LATENCY_MILLIS} ms: the future is
 * completed by one shared timer thread, and no thread waits in between. Each contender gets the
 * same futures in its own type: {@code CompletableFuture} for taskwire and the hand-written code,
 * Guava's {@code ListenableFuture} (a {@code SettableFuture}) for Dagger.
 */
public final class SimulatedService {
  public static final long LATENCY_MILLIS = 2;

  private final ScheduledExecutorService timer;

  public SimulatedService(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** A future that completes with {@code value} after the latency. */
  public CompletableFuture<Integer> call(int value) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    // Completing a future throws nothing (dependents' failures stay in their own futures).
    var unused =
        timer.schedule(() -> answer.complete(value), LATENCY_MILLIS, TimeUnit.MILLISECONDS);
    return answer;
  }

  /** The same as {@link #call(int)}, as a Guava future for Dagger Producers. */
  public ListenableFuture<Integer> callListenable(int value) {
    SettableFuture<Integer> answer = SettableFuture.create();
    // Setting a future throws nothing (Guava catches and logs what a listener throws).
    var unused = timer.schedule(() -> answer.set(value), LATENCY_MILLIS, TimeUnit.MILLISECONDS);
    return answer;
  }
}
