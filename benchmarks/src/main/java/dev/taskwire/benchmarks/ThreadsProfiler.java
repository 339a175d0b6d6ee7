package dev.taskwire.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Records live platform threads in the benchmark JVM through {@link ThreadMXBean}: before each
 * iteration it notes the live count and resets the JVM's peak; after it, it reports {@code
 * threads.peak}, the most threads alive at once at any moment of the iteration (the maximum over
 * iterations), and {@code threads.start}, the count when iterations began (the minimum), which
 * includes JMH's own threads, the shared pool and the timer. Enable with {@code -prof
 * dev.taskwire.benchmarks.ThreadsProfiler}.
 */
public final class ThreadsProfiler implements InternalProfiler {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private int atStart;

  @Override
  public String getDescription() {
    return "peak live thread count per iteration (ThreadMXBean)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    atStart = threads.getThreadCount();
    threads.resetPeakThreadCount();
  }

  @Override
  @SuppressWarnings("rawtypes") // InternalProfiler declares the raw Result
  public List<Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    int peak = threads.getPeakThreadCount();
    return List.of(
        new ScalarResult("threads.peak", peak, "threads", AggregationPolicy.MAX),
        new ScalarResult("threads.start", atStart, "threads", AggregationPolicy.MIN));
  }
}
