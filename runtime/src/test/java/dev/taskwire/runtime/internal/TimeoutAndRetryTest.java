package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimeoutAndRetryTest {
  private static final Duration SHORT = Duration.ofMillis(50);
  private static final TaskPolicy QUICK_RETRIES =
      TaskPolicy.none().backoff(Duration.ofMillis(1), Duration.ofMillis(4));

  private static TestPipeline withPolicy(TestPipeline pipeline, TaskPolicy policy) {
    return pipeline.policy(policy);
  }

  @Test
  void aSyncTaskThatOverrunsItsTimeoutIsInterruptedAndFailsWithATimeout() {
    AtomicBoolean interrupted = new AtomicBoolean();
    TestPipeline pipeline =
        withPolicy(
            new TestPipeline()
                .value(
                    "slow",
                    r -> {
                      try {
                        new CountDownLatch(1).await();
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                      }
                      return 1;
                    }),
            TaskPolicy.none().timeout(SHORT));
    PipelineException thrown = assertThrows(PipelineException.class, pipeline::run);
    assertEquals("slow", thrown.failedTask());
    TimeoutException timeout = assertInstanceOf(TimeoutException.class, thrown.getCause());
    assertEquals("task 'slow' timed out after 0.05s (attempt 1)", timeout.getMessage());
    assertTrue(interrupted.get());
  }

  @Test
  void anAsyncTaskThatOverrunsItsTimeoutHasItsFutureCancelled() {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    TestPipeline pipeline =
        withPolicy(
            new TestPipeline().async("remote", r -> never), TaskPolicy.none().timeout(SHORT));
    PipelineException thrown = assertThrows(PipelineException.class, pipeline::run);
    assertInstanceOf(TimeoutException.class, thrown.getCause());
    assertTrue(never.isCancelled());
  }

  @RepeatedTest(5)
  void aFlakyTaskIsRetriedUntilItSucceedsAndEveryAttemptIsVisible() {
    AtomicInteger calls = new AtomicInteger();
    List<String> events = new CopyOnWriteArrayList<>();
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskStarted(TaskEvent event) {
            events.add("started " + event.attempt());
          }

          @Override
          public void taskRetried(TaskEvent event) {
            events.add("retried " + event.attempt() + ": " + event.error().getMessage());
          }
        };
    TestPipeline pipeline =
        withPolicy(
            new TestPipeline()
                .value(
                    "flaky",
                    r -> {
                      if (calls.incrementAndGet() < 3) {
                        throw new IOException("try " + calls.get());
                      }
                      return "ok";
                    }),
            QUICK_RETRIES.retries(3));
    PipelineRun run = pipeline.run(RunOptions.defaults().listener(listener));
    assertEquals("ok", run.value(0));
    assertEquals(
        List.of("started 1", "retried 1: try 1", "started 2", "retried 2: try 2", "started 3"),
        events);
  }

  @Test
  void whenRetriesRunOutTheLastFailureCarriesTheEarlierOnes() {
    AtomicInteger calls = new AtomicInteger();
    TestPipeline pipeline =
        withPolicy(
            new TestPipeline()
                .value(
                    "broken",
                    r -> {
                      throw new IOException("failure " + calls.incrementAndGet());
                    }),
            QUICK_RETRIES.retries(2));
    PipelineException thrown = assertThrows(PipelineException.class, pipeline::run);
    assertEquals("failure 3", thrown.getCause().getMessage());
    assertTrue(
        thrown
            .getMessage()
            .startsWith(
                "task 'broken' of test.Pipeline failed after 3"
                    + " attempts: java.io.IOException: failure 3"),
        thrown.getMessage());
    assertEquals(
        List.of("failure 1", "failure 2"),
        java.util.Arrays.stream(thrown.getCause().getSuppressed())
            .map(Throwable::getMessage)
            .toList());
    assertEquals(3, calls.get());
  }

  @Test
  void onlyTheConfiguredExceptionsAreRetriedAndErrorsNever() {
    AtomicInteger calls = new AtomicInteger();
    TestPipeline wrongType =
        withPolicy(
            new TestPipeline()
                .value(
                    "t",
                    r -> {
                      calls.incrementAndGet();
                      throw new IllegalStateException("not retried");
                    }),
            QUICK_RETRIES.retries(5).retryOn(IOException.class));
    assertThrows(PipelineException.class, wrongType::run);
    assertEquals(1, calls.get());
    AssertionError error = new AssertionError("bug");
    TestPipeline anError =
        withPolicy(
            new TestPipeline()
                .value(
                    "t",
                    r -> {
                      calls.incrementAndGet();
                      throw error;
                    }),
            QUICK_RETRIES.retries(5));
    PipelineException thrown = assertThrows(PipelineException.class, anError::run);
    assertSame(error, thrown.getCause());
    assertEquals(2, calls.get());
    assertThrows(IllegalArgumentException.class, () -> TaskPolicy.none().retryOn(Error.class));
  }

  @Test
  void aTimedOutAttemptIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    TestPipeline pipeline =
        withPolicy(
            new TestPipeline()
                .value(
                    "sometimesSlow",
                    r -> {
                      if (calls.incrementAndGet() == 1) {
                        new CountDownLatch(1).await();
                      }
                      return calls.get();
                    }),
            QUICK_RETRIES.timeout(SHORT).retries(1));
    assertEquals(2, pipeline.run().<Integer>value(0));
  }

  @Test
  void aBackoffHoldsNoThread() throws Exception {
    // One pool thread. The flaky task fails and waits a 20 s backoff; the other task, which
    // waits until the flaky one is in backoff, must still get that thread and finish at once.
    // A backoff that held the thread would leave it no way to run within the test's timeout.
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    CountDownLatch inBackoff = new CountDownLatch(1);
    try {
      TaskListener listener =
          new TaskListener() {
            @Override
            public void taskRetried(TaskEvent event) {
              inBackoff.countDown();
            }
          };
      PipelineRun run =
          new TestPipeline()
              .value("other", r -> inBackoff.await(10, SECONDS)) // declared first, popped last
              .value(
                  "flaky",
                  r -> {
                    throw new IOException("down");
                  })
              .policy(
                  TaskPolicy.none()
                      .retries(1)
                      .backoff(Duration.ofSeconds(20), Duration.ofSeconds(20)))
              .start(RunOptions.defaults().executor(oneThread).listener(listener));
      CompletableFuture<Boolean> other = run.future(0);
      assertEquals(true, other.get(10, SECONDS));
      run.cancel();
      assertThrows(CancellationException.class, run::await);
    } finally {
      oneThread.shutdownNow();
    }
  }

  @Test
  void cancellingDuringABackoffEndsTheRunWithoutAnotherAttempt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch retried = new CountDownLatch(1);
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskRetried(TaskEvent event) {
            retried.countDown();
          }
        };
    PipelineRun run =
        withPolicy(
                new TestPipeline()
                    .value(
                        "flaky",
                        r -> {
                          calls.incrementAndGet();
                          throw new IOException("down");
                        }),
                TaskPolicy.none()
                    .retries(5)
                    .backoff(Duration.ofSeconds(20), Duration.ofSeconds(20)))
            .start(RunOptions.defaults().listener(listener));
    assertTrue(retried.await(10, SECONDS));
    assertTrue(run.cancel());
    CancellationException cancelled = assertThrows(CancellationException.class, run::await);
    assertFalse(cancelled.getMessage().isEmpty());
    assertEquals(1, calls.get());
  }

  @Test
  void aRunDeadlineStopsTheRunAndBlamesTheUnfinishedTask() {
    TestPipeline pipeline =
        new TestPipeline()
            .value("quick", r -> 1)
            .value(
                "stuck",
                r -> {
                  new CountDownLatch(1).await();
                  return 2;
                },
                "quick");
    PipelineException thrown =
        assertThrows(
            PipelineException.class, () -> pipeline.run(RunOptions.defaults().deadline(SHORT)));
    assertEquals("stuck", thrown.failedTask());
    TimeoutException timeout = assertInstanceOf(TimeoutException.class, thrown.getCause());
    assertTrue(timeout.getMessage().contains("passed its deadline of 0.05s"), timeout.getMessage());
    assertArrayEquals(new Throwable[0], thrown.getSuppressed());
  }

  @Test
  void policiesAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> TaskPolicy.none().timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> TaskPolicy.none().retries(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> TaskPolicy.none().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> RunOptions.defaults().deadline(Duration.ofMillis(-1)));
  }
}
