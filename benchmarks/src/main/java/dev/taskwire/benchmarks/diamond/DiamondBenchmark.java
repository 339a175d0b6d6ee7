package dev.taskwire.benchmarks.diamond;

import dev.taskwire.benchmarks.GraphBenchmark;
import dev.taskwire.runtime.RunOptions;
import java.util.concurrent.Executor;

/** The diamond (4 tasks): a -> b, a -> c, b + c -> d. */
public class DiamondBenchmark extends GraphBenchmark {
  private final Diamond pipeline = new Diamond();
  private Executor executor;
  private RunOptions options;
  private DiamondRunner runner;

  @Override
  protected void prepare(Executor executor) {
    this.executor = executor;
    this.options = RunOptions.defaults().executor(executor);
    this.runner = new DiamondRunner(pipeline, options);
  }

  @Override
  protected int expected() {
    return Diamond.EXPECTED;
  }

  @Override
  protected int runSequential() {
    return DiamondSequential.run(pipeline);
  }

  @Override
  protected int runCompletableFuture() {
    return DiamondFutures.start(pipeline, executor).join();
  }

  @Override
  protected int runDagger() {
    return getUnchecked(DaggerDiamondComponent.factory().create(executor, pipeline.origin).d());
  }

  @Override
  protected int runTaskwire() {
    return runner.run().d();
  }

  @Override
  protected int runTaskwireStart() {
    return runner.start().await().d();
  }

  @Override
  protected int runTaskwireNewRunner() {
    return new DiamondRunner(pipeline, options).run().d();
  }
}
