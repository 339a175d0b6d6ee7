package dev.taskwire.benchmarks.server;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A remote service whose calls answer after a latency of 1 to 5 ms: the future is completed by one
 * shared timer thread, and no thread waits in between (as {@link
 * dev.taskwire.benchmarks.async.SimulatedService}, but with a latency per call). Each contender
 * gets the same futures in its own type: {@code CompletableFuture} for taskwire and the
 * hand-written code, Guava's {@code ListenableFuture} (a {@code SettableFuture}) for Dagger.
 */
public final class LatencyService {
  private final ScheduledExecutorService[] timers;

  /** A service whose calls each go to one of {@code timers}, chosen by the call's value. */
  public LatencyService(ScheduledExecutorService... timers) {
    this.timers = timers.clone();
  }

  private ScheduledExecutorService timer(int value) {
    return timers[Math.floorMod(value, timers.length)];
  }

  /**
   * The latency, 1 to 5 ms, of call number {@code index} of the request with {@code seed}: the same
   * for every contender.
   */
  public static int latencyMillis(long seed, int index) {
    return 1
        + (int) Long.remainderUnsigned(Request.mix(seed + 0x9E3779B97F4A7C15L * (index + 1)), 5);
  }

  /** A future that completes with {@code value} after {@code latencyMillis} ms. */
  public CompletableFuture<Integer> call(int value, int latencyMillis) {
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    // Completing a future throws nothing (dependents' failures stay in their own futures).
    var unused =
        timer(value).schedule(() -> answer.complete(value), latencyMillis, TimeUnit.MILLISECONDS);
    return answer;
  }

  /** The same as {@link #call(int, int)}, as a Guava future for Dagger Producers. */
  public ListenableFuture<Integer> callListenable(int value, int latencyMillis) {
    SettableFuture<Integer> answer = SettableFuture.create();
    // Setting a future throws nothing (Guava catches and logs what a listener throws).
    var unused =
        timer(value).schedule(() -> answer.set(value), latencyMillis, TimeUnit.MILLISECONDS);
    return answer;
  }
}
