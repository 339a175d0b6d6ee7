package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SchedulingTest {
  @RepeatedTest(20)
  void independentTasksRunAtTheSameTime() throws Exception {
    // Each task waits at a barrier for the other: the run can only finish if both are running
    // at once. A sequential scheduler would time out at the barrier and fail the task.
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> bothRunning.await(10, SECONDS))
            .value("b", r -> bothRunning.await(10, SECONDS))
            .start();
    run.await();
  }

  @RepeatedTest(20)
  void runStillRunsIndependentTasksAtTheSameTime() throws Exception {
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    new TestPipeline()
        .value("a", r -> bothRunning.await(10, SECONDS))
        .value("b", r -> bothRunning.await(10, SECONDS))
        .run();
  }

  @Test
  void runLendsTheCallingThreadToTheRunInsteadOfHandingOff() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> Thread.currentThread())
              .value("b", r -> Thread.currentThread(), "a")
              .value("c", r -> Thread.currentThread(), "b")
              .run(RunOptions.defaults().executor(pool));
      for (int task = 0; task < 3; task++) {
        assertSame(Thread.currentThread(), run.value(task));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @RepeatedTest(20)
  void aDependentStartsOnlyAfterAllItsPrerequisitesFinished() throws Exception {
    CountDownLatch aFinished = new CountDownLatch(1);
    CountDownLatch releaseB = new CountDownLatch(1);
    AtomicBoolean cStarted = new AtomicBoolean();
    List<String> events = new CopyOnWriteArrayList<>();
    PipelineRun run =
        new TestPipeline()
            .value(
                "a",
                r -> {
                  events.add("a");
                  aFinished.countDown();
                  return 1;
                })
            .value(
                "b",
                r -> {
                  releaseB.await();
                  events.add("b");
                  return 2;
                })
            .value(
                "c",
                r -> {
                  cStarted.set(true);
                  events.add("c");
                  return r.<Integer>value(0) + r.<Integer>value(1);
                },
                "a",
                "b")
            .start();
    assertTrue(aFinished.await(10, SECONDS));
    // b is blocked, so c must not have started, however long we look.
    assertFalse(cStarted.get());
    releaseB.countDown();
    run.await();
    assertEquals(3, run.<Integer>value(2));
    assertEquals("c", events.get(2));
  }

  @Test
  void eachTaskRunsExactlyOnceInAWideFanIn() {
    int leaves = 200;
    AtomicInteger[] calls = new AtomicInteger[leaves + 1];
    TestPipeline pipeline = new TestPipeline();
    String[] names = new String[leaves];
    for (int i = 0; i < leaves; i++) {
      int task = i;
      calls[task] = new AtomicInteger();
      names[i] = "leaf" + i;
      pipeline.value(names[i], r -> calls[task].incrementAndGet());
    }
    calls[leaves] = new AtomicInteger();
    pipeline.value(
        "sink",
        r -> {
          int sum = 0;
          for (int i = 0; i < leaves; i++) {
            sum += r.<Integer>value(i);
          }
          calls[leaves].incrementAndGet();
          return sum;
        },
        names);
    PipelineRun run = pipeline.start();
    run.await();
    for (AtomicInteger count : calls) {
      assertEquals(1, count.get());
    }
    assertEquals(leaves, run.<Integer>value(leaves));
  }

  @Test
  void aLongChainRunsOnADirectExecutorWithoutGrowingTheStack() {
    // A worker continues with the dependent it made ready in a loop, not by recursion.
    int length = 20_000;
    TestPipeline pipeline = new TestPipeline().value("t0", r -> 0);
    for (int i = 1; i < length; i++) {
      int previous = i - 1;
      pipeline.value("t" + i, r -> r.<Integer>value(previous) + 1, "t" + previous);
    }
    PipelineRun run = pipeline.start(RunOptions.defaults().executor(Runnable::run));
    assertTrue(run.isDone());
    run.await();
    assertEquals(length - 1, run.<Integer>value(length - 1));
  }

  @Test
  void tasksRunOnTheConfiguredExecutor() throws Exception {
    ExecutorService pool =
        Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "configured-pool"));
    try {
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> Thread.currentThread().getName())
              .value("b", r -> Thread.currentThread().getName(), "a")
              .start(RunOptions.defaults().executor(pool));
      run.await();
      assertEquals("configured-pool", run.value(0));
      assertEquals("configured-pool", run.value(1));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyGraphIsDoneAtOnce() {
    PipelineRun run = new TestPipeline().start();
    assertTrue(run.isDone());
    run.await();
  }

  @Test
  void duplicateDependenciesCountOnce() {
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> 2)
            .value("b", r -> r.<Integer>value(0) * r.<Integer>value(0), "a", "a")
            .start();
    run.await();
    assertEquals(4, run.<Integer>value(1));
  }

  @Test
  void aTaskSeesWhatItsPrerequisitesWroteWithoutSynchronization() {
    // Plain (non-volatile) fields written by prerequisites on other threads; the scheduler's
    // happens-before edge is what makes them visible. Repeated to give a bug a chance to show.
    for (int attempt = 0; attempt < 200; attempt++) {
      int[] plain = new int[2];
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> plain[0] = 17)
              .value("b", r -> plain[1] = 25)
              .value("c", r -> plain[0] + plain[1], "a", "b")
              .start();
      run.await();
      assertEquals(42, run.<Integer>value(2));
    }
  }
}
