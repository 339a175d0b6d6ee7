package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskKind;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task may call run() of another pipeline on the same small executor: the thread that waits in
 * run() works its run's tasks, fan-out elements included, so no run waits for a pool thread that is
 * itself waiting. (The timeouts below only turn a deadlock into a failure; no test measures time.)
 */
@Timeout(60)
class NestedRunTest {
  private ExecutorService pool;

  @AfterEach
  void shutDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** A pipeline whose task 'squares' runs once per element of 'numbers', at most limit at once. */
  private static TestPipeline fanOut(int elements, int limit) {
    return new TestPipeline()
        .value("numbers", run -> IntStream.range(0, elements).boxed().toList())
        .forEach(
            "squares",
            TaskKind.VALUE,
            "numbers",
            limit,
            (n, run) -> (Integer) n * (Integer) n,
            "numbers")
        .value(
            "sum", run -> run.<List<Integer>>value(1).stream().mapToInt(n -> n).sum(), "squares");
  }

  private static int sumOfSquares(int elements) {
    return IntStream.range(0, elements).map(n -> n * n).sum();
  }

  /** With its elements unthrottled (0) and with maxConcurrency 3; ten runs each. */
  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void aNestedRunWithAFanOutFinishesOnAOneThreadPool(int maxConcurrency) throws Exception {
    pool = Executors.newSingleThreadExecutor();
    RunOptions onPool = RunOptions.defaults().executor(pool);
    for (int repetition = 0; repetition < 10; repetition++) {
      PipelineRun outer =
          new TestPipeline()
              .value("nested", run -> fanOut(20, maxConcurrency).run(onPool).<Integer>value(2))
              .start(onPool);
      assertEquals(sumOfSquares(20), outer.<Integer>future(0).get(30, SECONDS));
    }
  }

  @RepeatedTest(5)
  void fiftyNestedRunsWithFanOutsFinishOnAPoolOfEight() throws Exception {
    pool = Executors.newFixedThreadPool(8);
    RunOptions onPool = RunOptions.defaults().executor(pool);
    TestPipeline outer = new TestPipeline();
    for (int i = 0; i < 50; i++) {
      int limit = i % 2 == 0 ? 0 : 4;
      outer.value("nested" + i, run -> fanOut(30, limit).run(onPool).<Integer>value(2));
    }
    PipelineRun run = outer.start(onPool);
    for (int i = 0; i < 50; i++) {
      assertEquals(sumOfSquares(30), run.<Integer>future(i).get(30, SECONDS));
    }
  }
}
