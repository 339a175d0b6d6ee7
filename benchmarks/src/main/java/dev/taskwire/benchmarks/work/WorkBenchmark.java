package dev.taskwire.benchmarks.work;

import dev.taskwire.benchmarks.BenchmarkThreads;
import dev.taskwire.runtime.RunOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Parallel where it pays, sequential where it doesn't: {@link ParallelWork}'s four independent
 * tasks of {@code micros} each on a pool of 2, by plain calls one after another, by {@code
 * supplyAsync} per task, and by taskwire's {@code run()}. With trivial tasks a hand-off between
 * threads costs more than the work; with tasks of 50 µs and more, two threads should take about
 * half the sequential time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WorkBenchmark {
  @Param("2")
  public int threads;

  @Param({"0", "50", "1000"})
  public long micros;

  private ExecutorService pool;
  private ParallelWork pipeline;
  private ParallelWorkRunner runner;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkThreads.fixedPool(threads);
    pipeline = new ParallelWork(micros);
    runner = new ParallelWorkRunner(pipeline, RunOptions.defaults().executor(pool));
    for (int answer : new int[] {sequential(), completableFuture(), taskwire()}) {
      if (answer != ParallelWork.EXPECTED) {
        throw new IllegalStateException("a contender answered " + answer);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public int sequential() {
    return pipeline.sequential();
  }

  @Benchmark
  public int completableFuture() {
    CompletableFuture<Integer> one = CompletableFuture.supplyAsync(pipeline::one, pool);
    CompletableFuture<Integer> two = CompletableFuture.supplyAsync(pipeline::two, pool);
    CompletableFuture<Integer> three = CompletableFuture.supplyAsync(pipeline::three, pool);
    CompletableFuture<Integer> four = CompletableFuture.supplyAsync(pipeline::four, pool);
    return CompletableFuture.allOf(one, two, three, four)
        .thenApply(done -> pipeline.sum(one.join(), two.join(), three.join(), four.join()))
        .join();
  }

  @Benchmark
  public int taskwire() {
    return runner.run().sum();
  }
}
