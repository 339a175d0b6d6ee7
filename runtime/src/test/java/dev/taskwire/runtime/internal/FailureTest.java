package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FailureTest {
  @Test
  void aCheckedExceptionFailsTheRunWithTheTaskNameAndTheSameException() {
    IOException failure = new IOException("disk full");
    AtomicBoolean dependentRan = new AtomicBoolean();
    PipelineRun run =
        new TestPipeline()
            .value(
                "load",
                r -> {
                  throw failure;
                })
            .value("use", r -> dependentRan.getAndSet(true), "load")
            .start();
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertEquals("load", thrown.failedTask());
    assertSame(failure, thrown.getCause());
    assertEquals(0, thrown.getSuppressed().length);
    assertTrue(thrown.getMessage().contains("task 'load' of test.Pipeline failed"));
    assertFalse(dependentRan.get());
  }

  @RepeatedTest(10)
  void afterAFailureNoNewTaskStartsAndRunningTasksAreInterrupted() throws Exception {
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicBoolean slowInterrupted = new AtomicBoolean();
    AtomicBoolean afterSlowRan = new AtomicBoolean();
    PipelineRun run =
        new TestPipeline()
            .value(
                "slow",
                r -> {
                  slowStarted.countDown();
                  try {
                    new CountDownLatch(1).await(); // only an interrupt ends this
                  } catch (InterruptedException expected) {
                    slowInterrupted.set(true);
                    throw expected;
                  }
                  return 1;
                })
            .value("afterSlow", r -> afterSlowRan.getAndSet(true), "slow")
            .value(
                "fails",
                r -> {
                  slowStarted.await();
                  throw new IllegalStateException("boom");
                })
            .start();
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertEquals("fails", thrown.failedTask());
    // The interruption we caused is not a failure of its own.
    assertEquals(List.of("fails"), List.copyOf(thrown.failures().keySet()));
    assertTrue(slowInterrupted.get(), "the running task was interrupted before await returned");
    assertFalse(afterSlowRan.get());
  }

  @RepeatedTest(10)
  void laterFailuresAreAttachedAsSuppressedInOrder() {
    CountDownLatch stubbornStarted = new CountDownLatch(1);
    IllegalStateException first = new IllegalStateException("first");
    IOException second = new IOException("second");
    PipelineRun run =
        new TestPipeline()
            .value(
                "stubborn",
                r -> {
                  // Fails on its own account once interrupted: a real second failure.
                  stubbornStarted.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException interrupted) {
                    throw second;
                  }
                  return 0;
                })
            .value(
                "first",
                r -> {
                  stubbornStarted.await();
                  throw first;
                })
            .start();
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertEquals("first", thrown.failedTask());
    assertSame(first, thrown.getCause());
    assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
    assertEquals(List.of("first", "stubborn"), List.copyOf(thrown.failures().keySet()));
    assertTrue(thrown.getMessage().contains("1 more failed: stubborn"));
  }

  @Test
  void aRejectingExecutorFailsTheRunWithTheTaskName() {
    RejectedExecutionException rejection = new RejectedExecutionException("pool is shut down");
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> 1)
            .start(
                RunOptions.defaults()
                    .executor(
                        task -> {
                          throw rejection;
                        }));
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertEquals("a", thrown.failedTask());
    assertSame(rejection, thrown.getCause());
  }

  @Test
  void keepingGoingWithARejectingExecutorFailsEveryReadyTaskWithoutRunningIt() {
    RejectedExecutionException rejection = new RejectedExecutionException("pool is shut down");
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> ran.incrementAndGet())
            .value("b", r -> ran.incrementAndGet())
            .value("c", r -> ran.incrementAndGet())
            .start(
                RunOptions.defaults()
                    .onFailure(FailurePolicy.KEEP_GOING)
                    .executor(
                        task -> {
                          throw rejection;
                        }));
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertEquals(java.util.Set.of("a", "b", "c"), thrown.failures().keySet());
    assertEquals(0, ran.get(), "no task ran on the thread whose hand-off was refused");
  }

  @Test
  void anExecutorThatThrowsSomethingElseFailsTheRunToo() {
    IllegalStateException broken = new IllegalStateException("executor bug");
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> 1)
            .value("b", r -> 2)
            .start(
                RunOptions.defaults()
                    .executor(
                        task -> {
                          throw broken;
                        }));
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertSame(broken, thrown.getCause());
    assertTrue(run.isDone());
  }

  @Test
  void anErrorThrownByATaskIsReportedToo() {
    AssertionError error = new AssertionError("bad state");
    PipelineRun run =
        new TestPipeline()
            .value(
                "check",
                r -> {
                  throw error;
                })
            .start();
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertSame(error, thrown.getCause());
  }

  @Test
  void futuresOfTasksThatDidNotRunCompleteWithThePipelineException() throws Exception {
    PipelineRun run =
        new TestPipeline()
            .value(
                "load",
                r -> {
                  throw new IOException("gone");
                })
            .value("use", r -> 1, "load")
            .start();
    CompletableFuture<Object> load = run.future(0);
    CompletableFuture<Object> use = run.future(1);
    assertThrows(PipelineException.class, run::await);
    ExecutionException loadFailure = assertThrows(ExecutionException.class, load::get);
    assertTrue(loadFailure.getCause() instanceof IOException);
    ExecutionException useFailure =
        assertThrows(ExecutionException.class, () -> use.get(10, SECONDS));
    PipelineException cause = (PipelineException) useFailure.getCause();
    assertEquals("load", cause.failedTask());
  }

  @Test
  void readingTheResultOfATaskThatDidNotRunSaysWhy() {
    PipelineRun run =
        new TestPipeline()
            .value(
                "load",
                r -> {
                  throw new IOException("gone");
                })
            .value("use", r -> 1, "load")
            .start();
    assertThrows(PipelineException.class, run::await);
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> run.value(0));
    assertTrue(
        failed.getMessage().contains("it failed with java.io.IOException: gone"),
        failed.getMessage());
    IllegalStateException skipped = assertThrows(IllegalStateException.class, () -> run.value(1));
    assertTrue(
        skipped.getMessage().contains("did not run because task 'load' failed"),
        skipped.getMessage());
  }

  @RepeatedTest(10)
  void aDependentOfACancelledTaskSaysItWasCancelledAndWhichFailureStoppedTheRun() {
    CountDownLatch slowStarted = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "slow",
                r -> {
                  slowStarted.countDown();
                  new CountDownLatch(1).await(); // until the stop interrupts it
                  return 1;
                })
            .value(
                "boom",
                r -> {
                  slowStarted.await(10, SECONDS);
                  throw new IOException("boom");
                })
            .value("afterSlow", r -> 2, "slow")
            .value("afterThat", r -> 3, "afterSlow")
            .start();
    PipelineException failure = assertThrows(PipelineException.class, run::await);
    assertEquals("boom", failure.failedTask());
    String why =
        "it did not run because task 'slow' was cancelled when the run stopped because"
            + " task 'boom' failed";
    for (int task : new int[] {2, 3}) {
      IllegalStateException skipped =
          assertThrows(IllegalStateException.class, () -> run.value(task));
      assertTrue(skipped.getMessage().endsWith(why), skipped.getMessage());
    }
  }

  @Test
  void aTaskThatNothingKeptFromRunningSaysTheRunStoppedFirst() {
    List<Runnable> helpersNeverRun = new CopyOnWriteArrayList<>();
    // The caller of run() takes the sources in declaration order: 'boom' fails, then 'other'
    // finds the run stopped.
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "boom",
                r -> {
                  throw new IOException("boom");
                })
            .value("other", r -> 1);
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () -> pipeline.run(RunOptions.defaults().executor(helpersNeverRun::add)));
    PipelineRun run = ((RunFailedException) failure).run();
    IllegalStateException skipped = assertThrows(IllegalStateException.class, () -> run.value(1));
    assertTrue(
        skipped
            .getMessage()
            .endsWith("it did not run because the run stopped when task 'boom' failed"),
        skipped.getMessage());
  }
}
