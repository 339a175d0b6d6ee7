package dev.taskwire.benchmarks.fanout;

import dev.taskwire.benchmarks.BenchmarkThreads;
import dev.taskwire.runtime.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A {@code @ForEach} over {@code elements} trivial calls, then their sum, against hand-written
 * {@code CompletableFuture} code that does the same with {@code supplyAsync} per element and {@code
 * allOf}: per element, time and (with {@code -prof gc}) bytes. Sync elements ({@code work}) and
 * async ones, whose method returns a completed future ({@code workAsync}; the hand-written code
 * composes it). Every fork runs in a 512 MB heap, so a run of a million elements must fit in it. A
 * new runner per run; Dagger Producers has no fan-out over a run-time collection, so it is not in
 * this one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class FanOutBenchmark {
  @Param("2")
  public int threads;

  @Param({"100000"})
  public int elements;

  private ExecutorService pool;
  private WideFanOut pipeline;
  private RunOptions options;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkThreads.fixedPool(threads);
    pipeline = new WideFanOut(elements);
    options = RunOptions.defaults().executor(pool);
    Map<String, Long> answers =
        Map.of(
            "completableFuture", completableFuture(),
            "completableFutureAsync", completableFutureAsync(),
            "taskwire", taskwire(),
            "taskwireAsync", taskwireAsync());
    answers.forEach(
        (contender, answer) -> {
          if (answer != pipeline.expected()) {
            throw new IllegalStateException(
                contender + " answered " + answer + ", not " + pipeline.expected());
          }
        });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public long completableFuture() {
    List<CompletableFuture<Integer>> results = new ArrayList<>(pipeline.elements.size());
    for (Integer element : pipeline.elements) {
      results.add(CompletableFuture.supplyAsync(() -> pipeline.work(element), pool));
    }
    return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> WideFanOut.sumOf(results.stream().map(CompletableFuture::join).toList()))
        .join();
  }

  @Benchmark
  public long completableFutureAsync() {
    List<CompletableFuture<Integer>> results = new ArrayList<>(pipeline.elements.size());
    for (Integer element : pipeline.elements) {
      results.add(
          CompletableFuture.supplyAsync(() -> element, pool).thenCompose(pipeline::workAsync));
    }
    return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> WideFanOut.sumOf(results.stream().map(CompletableFuture::join).toList()))
        .join();
  }

  @Benchmark
  public long taskwire() {
    return new WideFanOutRunner(pipeline, options).runOnly(WideFanOutRunner.Target.sum).sum();
  }

  @Benchmark
  public long taskwireAsync() {
    return new WideFanOutRunner(pipeline, options)
        .runOnly(WideFanOutRunner.Target.sumAsync)
        .sumAsync();
  }
}
