package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Executors that run what they cannot queue on the thread that hands it over ({@link
 * ThreadPoolExecutor.CallerRunsPolicy}): a helper run that way must not hand over the next one from
 * inside itself, or the stack grows by a few frames per ready task until it overflows. And
 * executors that drop work silently are refused, since a dropped helper would hang the run.
 */
@Timeout(120)
class CallerRunsTest {
  private static final int TASKS = 3_000;
  private static final int ELEMENTS = 2_000;

  /** The shapes of pool under test; each one is busy whenever the run hands it something. */
  private enum Pool {
    /** One thread, blocked, and a full queue of one: every hand-off runs where it is made. */
    SATURATED,
    /** One live thread and a queue of one. */
    QUEUE_OF_ONE,
    /** One live thread and no queue: every hand-off while it is busy runs where it is made. */
    NO_QUEUE;

    ThreadPoolExecutor create(CountDownLatch release) {
      BlockingQueue<Runnable> queue =
          this == NO_QUEUE ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(1);
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              1, 1, 0, SECONDS, queue, new ThreadPoolExecutor.CallerRunsPolicy());
      if (this == SATURATED) {
        pool.execute(() -> awaitQuietly(release));
        pool.execute(() -> {});
      }
      return pool;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(Settling.GUARD_SECONDS, SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void threeThousandIndependentTasksCompleteOnACallerRunsPool() {
    for (Pool shape : Pool.values()) {
      for (boolean blocking : new boolean[] {false, true}) {
        AtomicInteger ran = new AtomicInteger();
        TestPipeline pipeline = new TestPipeline();
        for (int i = 0; i < TASKS; i++) {
          pipeline.value("t" + i, r -> ran.incrementAndGet());
        }
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor pool = shape.create(release);
        try {
          RunOptions options = RunOptions.defaults().executor(pool);
          if (blocking) {
            pipeline.run(options);
          } else {
            assertNull(Settling.outcomeOf(pipeline.start(options)), shape.name());
          }
          assertEquals(TASKS, ran.get(), shape + (blocking ? " run()" : " start()"));
        } finally {
          release.countDown();
          pool.shutdownNow();
        }
      }
    }
  }

  @Test
  void aFanOutOfTwoThousandElementsCompletesOnACallerRunsPool() {
    List<Integer> grid = new ArrayList<>();
    for (int i = 0; i < ELEMENTS; i++) {
      grid.add(i);
    }
    for (Pool shape : Pool.values()) {
      for (TaskKind kind : new TaskKind[] {TaskKind.VALUE, TaskKind.ASYNC}) {
        TestPipeline pipeline =
            new TestPipeline()
                .value("grid", r -> grid)
                .forEach(
                    "work",
                    kind,
                    "grid",
                    0,
                    (element, r) ->
                        kind == TaskKind.ASYNC
                            ? java.util.concurrent.CompletableFuture.completedFuture(element)
                            : element,
                    "grid")
                .value("count", r -> r.<List<Integer>>value(1).size(), "work");
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor pool = shape.create(release);
        try {
          PipelineRun run = pipeline.start(RunOptions.defaults().executor(pool));
          assertNull(Settling.outcomeOf(run), shape + " " + kind);
          assertEquals(ELEMENTS, run.<Integer>value(2), shape + " " + kind);
        } finally {
          release.countDown();
          pool.shutdownNow();
        }
      }
    }
  }

  @Test
  void anErrorFromTheExecutorFailsTheRun() {
    for (FailurePolicy policy : FailurePolicy.values()) {
      StackOverflowError overflow = new StackOverflowError("injected");
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> 1)
              .value("b", r -> 2)
              .start(
                  RunOptions.defaults()
                      .onFailure(policy)
                      .executor(
                          helper -> {
                            throw overflow;
                          }));
      PipelineException failure =
          assertInstanceOf(PipelineException.class, Settling.outcomeOf(run), policy.name());
      assertSame(overflow, failure.getCause());
    }
  }

  @Test
  void executorsThatDropWorkAreRefused() {
    for (var dropping :
        List.of(
            new ThreadPoolExecutor.DiscardPolicy(), new ThreadPoolExecutor.DiscardOldestPolicy())) {
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(1, 1, 0, SECONDS, new ArrayBlockingQueue<>(1), dropping);
      try {
        IllegalArgumentException refused =
            assertThrows(
                IllegalArgumentException.class, () -> RunOptions.defaults().executor(pool));
        String name = dropping.getClass().getSimpleName();
        assertTrue(refused.getMessage().contains(name), refused.getMessage());
        assertTrue(refused.getMessage().contains("must run or reject"), refused.getMessage());
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
