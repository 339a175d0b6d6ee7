package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.store.LoggedWarnings;
import dev.taskwire.runtime.store.ResultKey;
import dev.taskwire.runtime.store.ResultStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code RunOptions.propagate}: the context of the thread that starts a run (here a user {@code
 * ThreadLocal}, as a request id in an MDC would be) is restored around every piece of the run's
 * code on every thread, and taken away after it, so that no pooled thread keeps it.
 */
@Timeout(60)
class ContextPropagationTest {
  private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();

  /** Carries REQUEST; restoring puts back what the thread had. */
  private static final ContextPropagator REQUEST_ID =
      () -> {
        String captured = REQUEST.get();
        return () -> {
          String before = REQUEST.get();
          REQUEST.set(captured);
          return () -> {
            if (before == null) {
              REQUEST.remove();
            } else {
              REQUEST.set(before);
            }
          };
        };
      };

  /** What each task, element and listener event saw, by name. */
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
    REQUEST.remove();
  }

  private Object see(String name) {
    seen.put(name, String.valueOf(REQUEST.get()));
    return name;
  }

  private final TaskListener listener =
      new TaskListener() {
        @Override
        public void taskSucceeded(TaskEvent event) {
          if (event.element() < 0) {
            see("succeeded " + event.task());
          }
        }

        @Override
        public void taskRetried(TaskEvent event) {
          see("retried " + event.task());
        }

        @Override
        public void taskFailed(TaskEvent event) {
          see("failed " + event.task());
        }
      };

  private RunOptions options() {
    return RunOptions.defaults().executor(pool).listener(listener).propagate(REQUEST_ID);
  }

  /** What REQUEST holds on each of the pool's threads once the run is over. */
  private List<String> leftOnThePool() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    List<String> left = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 2; i++) {
      pool.execute(
          () -> {
            left.add(String.valueOf(REQUEST.get()));
            both.countDown();
            try {
              both.await(); // so that each of the two threads takes one probe
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    assertTrue(both.await(Settling.GUARD_SECONDS, SECONDS));
    return left;
  }

  @RepeatedTest(5)
  void syncTasksOnPoolThreadsAndTheirListenersSeeTheCallersContext() throws Exception {
    REQUEST.set("req-1");
    new TestPipeline()
        .value("a", r -> see("a"))
        .value("b", r -> see("b"))
        .value("c", r -> see("c"), "a", "b")
        .start(options())
        .await();
    assertEquals(
        Map.of(
            "a", "req-1",
            "b", "req-1",
            "c", "req-1",
            "succeeded a", "req-1",
            "succeeded b", "req-1",
            "succeeded c", "req-1"),
        seen);
    assertEquals(List.of("null", "null"), leftOnThePool());
  }

  /**
   * A small run without retries waits for its stages with one shared callback, others with one
   * callback per stage: both paths.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aDependentOfAFutureCompletedOnAForeignThreadSeesIt(boolean withRetries) throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    REQUEST.set("req-2");
    TestPipeline pipeline = new TestPipeline().async("upload", r -> reply);
    if (withRetries) {
      pipeline.policy(TaskPolicy.none().retries(1));
    }
    PipelineRun run = pipeline.value("train", r -> see("train"), "upload").start(options());
    REQUEST.remove();
    Thread client = new Thread(() -> reply.complete("uploaded"), "http-client");
    client.start();
    client.join();
    run.await();
    assertEquals("req-2", seen.get("train"));
    assertEquals("req-2", seen.get("succeeded upload"), "the listener, on the client's thread");
    assertEquals(List.of("null", "null"), leftOnThePool());
  }

  @RepeatedTest(5)
  void aRetriedAttemptAndATimeoutsAftermathSeeIt() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    REQUEST.set("req-3");
    Throwable outcome =
        Settling.outcomeOf(
            new TestPipeline()
                .value(
                    "flaky",
                    r -> {
                      if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("first attempt fails");
                      }
                      return see("flaky attempt 2");
                    })
                .policy(
                    TaskPolicy.none()
                        .retries(1)
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
                .async("slow", r -> new CompletableFuture<>())
                .policy(TaskPolicy.none().timeout(Duration.ofMillis(20)))
                .start(options()));
    assertInstanceOf(PipelineException.class, outcome);
    assertEquals("req-3", seen.get("flaky attempt 2"));
    assertEquals("req-3", seen.get("retried flaky"));
    assertEquals("req-3", seen.get("failed slow"), "a timeout's aftermath, off the timer");
    assertEquals(List.of("null", "null"), leftOnThePool());
  }

  @RepeatedTest(5)
  void fanOutElementsSeeIt() throws Exception {
    REQUEST.set("req-4");
    new TestPipeline()
        .value("grid", r -> List.of(1, 2, 3, 4))
        .forEach(
            "train",
            TaskKind.VALUE,
            "grid",
            0,
            (element, r) -> see("train[" + element + "]"),
            "grid")
        .start(options())
        .await();
    for (int element = 1; element <= 4; element++) {
      assertEquals("req-4", seen.get("train[" + element + "]"));
    }
    assertEquals(List.of("null", "null"), leftOnThePool());
  }

  /** The store is user code too: looked up on a pool thread, saved on the client's thread. */
  @RepeatedTest(5)
  void theResultStoreSeesIt() throws Exception {
    ResultStore store =
        new ResultStore() {
          @Override
          public Optional<Object> load(ResultKey key) {
            see("load " + key.task());
            return Optional.empty();
          }

          @Override
          public void save(ResultKey key, Object result) {
            see("save " + key.task());
          }
        };
    CompletableFuture<String> reply = new CompletableFuture<>();
    REQUEST.set("req-11");
    PipelineRun run =
        new TestPipeline()
            .value("load", r -> "rows")
            .returning(String.class)
            .async("upload", r -> reply, "load")
            .returning(String.class)
            .start(options().resultStore(store));
    REQUEST.remove();
    while (run.inFlight(1) != reply) {
      Thread.onSpinWait(); // until the run waits for upload's future
    }
    Thread client = new Thread(() -> reply.complete("uploaded"), "http-client");
    client.start();
    client.join();
    run.await();
    assertEquals("req-11", seen.get("load load"));
    assertEquals("req-11", seen.get("save load"));
    assertEquals("req-11", seen.get("load upload"));
    assertEquals("req-11", seen.get("save upload"), "saved on the client's thread");
    assertEquals(List.of("null", "null"), leftOnThePool());
  }

  /** Task a sets REQUEST to something else; b, after it, records what it sees. */
  private TestPipeline aChangesTheContextThenBSeesIt() {
    return new TestPipeline()
        .value(
            "a",
            r -> {
              REQUEST.set("changed by a");
              return "a";
            })
        .value("b", r -> see("b"), "a");
  }

  /** One thread runs a and then b: what a changes in the context does not reach b. */
  @RepeatedTest(5)
  void whatATaskChangesInTheContextStaysWithIt() {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      REQUEST.set("req-5");
      aChangesTheContextThenBSeesIt()
          .start(RunOptions.defaults().executor(one).propagate(REQUEST_ID))
          .await();
      assertEquals("req-5", seen.get("b"));
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void runRestoresTheContextOnItsOwnThreadAfterEachTask() {
    REQUEST.set("req-6");
    aChangesTheContextThenBSeesIt().run(RunOptions.defaults().executor(pool).propagate(REQUEST_ID));
    assertEquals("req-6", seen.get("b"));
    assertEquals("req-6", REQUEST.get(), "the caller's own context after run()");
  }

  @Test
  void aNestedRunCarriesTheContextItStartsIn() {
    REQUEST.set("req-7");
    new TestPipeline()
        .value(
            "outer",
            r ->
                new TestPipeline()
                    .value("inner", inner -> see("inner"))
                    .run(RunOptions.defaults().executor(pool).propagate(REQUEST_ID)))
        .start(options())
        .await();
    assertEquals("req-7", seen.get("inner"));
  }

  @Test
  void withoutAPropagatorTasksOnPoolThreadsDoNotSeeIt() {
    REQUEST.set("req-8");
    new TestPipeline()
        .value("a", r -> see("a"))
        .start(RunOptions.defaults().executor(pool))
        .await();
    assertEquals("null", seen.get("a"));
  }

  /** Named steps, so that the order of two propagators shows. */
  private static ContextPropagator recording(String name, List<String> steps) {
    return () -> {
      steps.add("capture " + name);
      return () -> {
        steps.add("restore " + name);
        return () -> steps.add("close " + name);
      };
    };
  }

  @Test
  void propagatorsRestoreInTheOrderAddedAndCloseInReverse() {
    List<String> steps = new CopyOnWriteArrayList<>();
    new TestPipeline()
        .value("only", r -> steps.add("task"))
        .start(
            RunOptions.defaults()
                .executor(pool)
                .propagate(recording("first", steps))
                .propagate(recording("second", steps)))
        .await();
    assertEquals(
        List.of(
            "capture first",
            "capture second",
            "restore first",
            "restore second",
            "task",
            "close second",
            "close first"),
        steps);
  }

  @Test
  void aPropagatorThatThrowsIsLoggedOnceAndTheRunGoesOn() {
    ContextPropagator broken =
        () ->
            () -> {
              throw new IllegalStateException("no context today");
            };
    try (LoggedWarnings warnings = new LoggedWarnings()) {
      REQUEST.set("req-9");
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> see("a"))
              .value("b", r -> see("b"))
              .value("c", r -> see("c"), "a", "b")
              .start(options().propagate(broken));
      run.await();
      assertEquals("req-9", seen.get("c"), "the propagators that work still do");
      List<LogRecord> logged = warnings.logged();
      assertEquals(1, logged.size(), logged.toString());
      assertTrue(logged.get(0).getMessage().contains("a context propagator threw in restore"));
      assertEquals("no context today", logged.get(0).getThrown().getMessage());
    }
  }

  @Test
  void aCaptureThatThrowsCostsOnlyTheContext() {
    ContextPropagator broken =
        () -> {
          throw new IllegalStateException("cannot capture");
        };
    try (LoggedWarnings warnings = new LoggedWarnings()) {
      REQUEST.set("req-10");
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> see("a"))
              .start(RunOptions.defaults().executor(pool).propagate(broken));
      run.await();
      assertEquals("null", seen.get("a"));
      assertEquals(1, warnings.logged().size());
    }
  }
}
