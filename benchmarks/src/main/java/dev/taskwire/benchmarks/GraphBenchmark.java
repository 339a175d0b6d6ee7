package dev.taskwire.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
 * One graph shape computed by four contenders on one executor; a subclass per shape. JMH measures
 * each {@code @Benchmark} method of every concrete subclass, so the result names are {@code
 * <Shape>Benchmark.<contender>} and every shape has the same contenders:
 *
 * <ul>
 *   <li>{@link #sequential()}: the task methods called one after another on the benchmark thread,
 *       the zero-overhead floor;
 *   <li>{@link #completableFuture()}: hand-written {@code CompletableFuture} composition;
 *   <li>{@link #dagger()}: a fresh Dagger Producers component per run, waiting on its entry point's
 *       {@code ListenableFuture};
 *   <li>{@link #taskwire()}: {@code runner.run()} on one generated runner reused across runs;
 *   <li>{@link #taskwireStart()}: {@code runner.start().await()} on the same runner. Not a separate
 *       contender but a control: {@code run()} lends the calling thread to the run (it takes ready
 *       tasks itself instead of parking), {@code start()} hands everything to the executor and the
 *       caller parks in {@code await()}, as it does in {@code join()} for the {@code
 *       CompletableFuture} code. The difference is what that lending is worth.
 * </ul>
 *
 * <p>The pool is created once per trial (one fork's run of one benchmark) and shared by every
 * contender; before measuring, each contender computes the graph once and all answers must match
 * the one precomputed for the shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class GraphBenchmark {
  /** Threads in the shared fixed pool. */
  @Param("2")
  public int threads;

  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUpTrial() {
    pool = BenchmarkThreads.fixedPool(threads);
    prepare(pool);
    Map<String, Integer> answers = new LinkedHashMap<>();
    answers.put("sequential", runSequential());
    answers.put("completableFuture", runCompletableFuture());
    answers.put("dagger", runDagger());
    answers.put("taskwire", runTaskwire());
    answers.put("taskwireStart", runTaskwireStart());
    answers.put("taskwireNewRunner", runTaskwireNewRunner());
    Answers.requireAll(getClass().getSimpleName(), expected(), answers);
  }

  @TearDown(Level.Trial)
  public void tearDownTrial() {
    pool.shutdownNow();
  }

  /** Builds the contenders on the shared executor; called once per trial. */
  protected abstract void prepare(Executor executor);

  /** The answer every contender must give. */
  protected abstract int expected();

  protected abstract int runSequential();

  protected abstract int runCompletableFuture();

  protected abstract int runDagger();

  protected abstract int runTaskwire();

  protected abstract int runTaskwireStart();

  /** A new runner for each run, as a service builds one per request, then {@code run()}. */
  protected abstract int runTaskwireNewRunner();

  @Benchmark
  public int sequential() {
    return runSequential();
  }

  @Benchmark
  public int completableFuture() {
    return runCompletableFuture();
  }

  @Benchmark
  public int dagger() {
    return runDagger();
  }

  @Benchmark
  public int taskwire() {
    return runTaskwire();
  }

  @Benchmark
  public int taskwireStart() {
    return runTaskwireStart();
  }

  @Benchmark
  public int taskwireNewRunner() {
    return runTaskwireNewRunner();
  }

  /** {@link Future#get()} for code that cannot fail in these benchmarks. */
  protected static <T> T getUnchecked(Future<T> future) {
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
