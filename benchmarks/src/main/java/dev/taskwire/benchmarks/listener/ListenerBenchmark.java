package dev.taskwire.benchmarks.listener;

import dev.taskwire.benchmarks.Answers;
import dev.taskwire.benchmarks.BenchmarkThreads;
import dev.taskwire.benchmarks.randomdag.RandomDag;
import dev.taskwire.benchmarks.randomdag.RandomDagRunner;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * What the listener hook costs, on the random DAG (109 tasks, about 330 events a run): with no
 * listener registered each event is one null check of a final field; with a listener each event
 * builds a {@link TaskEvent} and calls it. {@code noListener} is the same measurement as {@code
 * RandomDagBenchmark.taskwire}; the other two show what registering a listener adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListenerBenchmark {
  @Param("2")
  public int threads;

  private final RandomDag pipeline = new RandomDag();
  private final LongAdder events = new LongAdder();
  private ExecutorService pool;
  private RandomDagRunner plain;
  private RandomDagRunner noOp;
  private RandomDagRunner counting;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkThreads.fixedPool(threads);
    RunOptions options = RunOptions.defaults().executor(pool);
    plain = new RandomDagRunner(pipeline, options);
    noOp = new RandomDagRunner(pipeline, options.listener(new TaskListener() {}));
    counting =
        new RandomDagRunner(
            pipeline,
            options.listener(
                new TaskListener() {
                  @Override
                  public void taskStarted(TaskEvent event) {
                    events.increment();
                  }

                  @Override
                  public void taskSucceeded(TaskEvent event) {
                    events.increment();
                  }
                }));
    Map<String, Integer> answers = new LinkedHashMap<>();
    answers.put("noListener", noListener());
    answers.put("noOpListener", noOpListener());
    answers.put("countingListener", countingListener());
    Answers.requireAll(getClass().getSimpleName(), RandomDag.EXPECTED, answers);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public int noListener() {
    return plain.run().total();
  }

  @Benchmark
  public int noOpListener() {
    return noOp.run().total();
  }

  @Benchmark
  public int countingListener() {
    return counting.run().total();
  }
}
