package dev.taskwire.benchmarks.async;

import com.google.common.util.concurrent.ListenableFuture;
import dev.taskwire.benchmarks.Answers;
import dev.taskwire.benchmarks.BenchmarkThreads;
import dev.taskwire.runtime.RunOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Thousands of async tasks in flight on a few threads. Each benchmark invocation starts {@value
 * #RUNS} runs of {@link AsyncPipeline} at once (4,000 pending remote calls), then waits for all of
 * them; JMH divides by {@value #RUNS} ({@code @OperationsPerInvocation}), so the score and {@code
 * gc.alloc.rate.norm} are per run. Every run waits at least {@value
 * SimulatedService#LATENCY_MILLIS} ms for its calls, but the runs overlap, so that latency adds
 * only about {@value SimulatedService#LATENCY_MILLIS} ms / {@value #RUNS} per run.
 *
 * <p>No sequential contender: calling and blocking on the calls one at a time would measure the
 * latency (8 ms a run), not scheduling. The peak live thread count comes from {@link
 * dev.taskwire.benchmarks.ThreadsProfiler} ({@code -prof dev.taskwire.benchmarks.ThreadsProfiler},
 * which {@code benchmarks/run.sh} passes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(AsyncBenchmark.RUNS)
public class AsyncBenchmark {
  /** Runs started at once by one benchmark invocation. */
  public static final int RUNS = 1_000;

  /** Threads in the shared fixed pool. */
  @Param("2")
  public int threads;

  private ExecutorService pool;
  private ScheduledExecutorService timer;
  private SimulatedService service;
  private AsyncPipeline pipeline;
  private RunOptions options;
  private AsyncPipelineRunner runner;

  // Reused across invocations so that the harness allocates nothing per run.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private final CompletableFuture<Integer>[] futures = new CompletableFuture[RUNS];

  @SuppressWarnings({"unchecked", "rawtypes"})
  private final ListenableFuture<Integer>[] listenables = new ListenableFuture[RUNS];

  private final AsyncPipelineRunner.Execution[] executions =
      new AsyncPipelineRunner.Execution[RUNS];

  @Setup(Level.Trial)
  public void setUpTrial() {
    pool = BenchmarkThreads.fixedPool(threads);
    timer = BenchmarkThreads.timer();
    service = new SimulatedService(timer);
    pipeline = new AsyncPipeline(service);
    options = RunOptions.defaults().executor(pool);
    runner = new AsyncPipelineRunner(pipeline, options);

    Map<String, Integer> single = new LinkedHashMap<>();
    single.put("completableFuture", AsyncFutures.start(pipeline, pool).join());
    single.put("dagger", get(DaggerAsyncComponent.factory().create(pool, service).sink()));
    single.put("taskwire", runner.run().sink());
    Answers.requireAll("AsyncBenchmark", AsyncPipeline.EXPECTED, single);

    Map<String, Long> batch = new LinkedHashMap<>();
    batch.put("completableFuture", completableFuture());
    batch.put("dagger", dagger());
    batch.put("taskwire", taskwire());
    batch.put("taskwireNewRunner", taskwireNewRunner());
    Answers.requireAll(
        "AsyncBenchmark (" + RUNS + " runs)", (long) RUNS * AsyncPipeline.EXPECTED, batch);
  }

  @TearDown(Level.Trial)
  public void tearDownTrial() {
    timer.shutdownNow();
    pool.shutdownNow();
  }

  @Benchmark
  public long completableFuture() {
    for (int i = 0; i < RUNS; i++) {
      futures[i] = AsyncFutures.start(pipeline, pool);
    }
    long sum = 0;
    for (int i = 0; i < RUNS; i++) {
      sum += futures[i].join();
      futures[i] = null;
    }
    return sum;
  }

  @Benchmark
  public long dagger() {
    for (int i = 0; i < RUNS; i++) {
      listenables[i] = DaggerAsyncComponent.factory().create(pool, service).sink();
    }
    long sum = 0;
    for (int i = 0; i < RUNS; i++) {
      sum += get(listenables[i]);
      listenables[i] = null;
    }
    return sum;
  }

  @Benchmark
  public long taskwire() {
    for (int i = 0; i < RUNS; i++) {
      executions[i] = runner.start();
    }
    long sum = 0;
    for (int i = 0; i < RUNS; i++) {
      sum += executions[i].await().sink();
      executions[i] = null;
    }
    return sum;
  }

  /** A new runner for each run, as a service builds one per request. */
  @Benchmark
  public long taskwireNewRunner() {
    for (int i = 0; i < RUNS; i++) {
      executions[i] = new AsyncPipelineRunner(pipeline, options).start();
    }
    long sum = 0;
    for (int i = 0; i < RUNS; i++) {
      sum += executions[i].await().sink();
      executions[i] = null;
    }
    return sum;
  }

  private static int get(ListenableFuture<Integer> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
