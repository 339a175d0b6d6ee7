package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.Trace;
import dev.taskwire.runtime.trace.TraceRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FanOutTest {
  private static final List<Integer> SIX = List.of(1, 2, 3, 4, 5, 6);

  /** Records element starts and ends in one order, to check the concurrency limit exactly. */
  private static final class Occupancy implements TaskListener {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void taskStarted(TaskEvent event) {
      if (event.isElement()) {
        events.add("+" + event.task());
      }
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      if (event.isElement()) {
        events.add("-" + event.task());
      }
    }

    /** The most elements that were ever started and not yet ended. */
    int peak() {
      int running = 0;
      int peak = 0;
      synchronized (events) {
        for (String event : events) {
          running += event.startsWith("+") ? 1 : -1;
          peak = Math.max(peak, running);
        }
      }
      return peak;
    }
  }

  private static TestPipeline squares(int maxConcurrency, TestPipeline.ElementBody body) {
    return new TestPipeline()
        .value("grid", r -> SIX)
        .value("offset", r -> 100)
        .forEach("square", TaskKind.VALUE, "grid", maxConcurrency, body, "grid", "offset")
        .value("total", r -> r.<List<Integer>>value(2).stream().mapToInt(i -> i).sum(), "square");
  }

  @RepeatedTest(10)
  void eachElementRunsOnceAndTheResultsKeepTheInputOrder() {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    PipelineRun run =
        squares(
                0,
                (element, r) -> {
                  int value = (Integer) element;
                  assertTrue(seen.add(value), "element ran twice: " + value);
                  return value * value + r.<Integer>value(1);
                })
            .run();
    assertEquals(List.of(101, 104, 109, 116, 125, 136), run.value(2));
    assertEquals(691, run.<Integer>value(3));
    assertEquals(Set.copyOf(SIX), seen);
  }

  @RepeatedTest(10)
  void elementsRunInParallelButNeverMoreThanTheLimit() {
    // Elements meet in pairs: with a limit of 2 they must overlap, and the record shows no third.
    CyclicBarrier pairs = new CyclicBarrier(2);
    Occupancy occupancy = new Occupancy();
    PipelineRun run =
        squares(
                2,
                (element, r) -> {
                  pairs.await(10, TimeUnit.SECONDS);
                  return element;
                })
            .run(RunOptions.defaults().listener(occupancy));
    assertEquals(SIX, run.value(2));
    assertEquals(2, occupancy.peak());
  }

  @RepeatedTest(5)
  void aLimitOfOneRunsTheElementsOneAfterAnother() {
    Occupancy occupancy = new Occupancy();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      squares(1, (element, r) -> element)
          .run(RunOptions.defaults().executor(pool).listener(occupancy));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, occupancy.peak());
    assertEquals(12, occupancy.events.size());
  }

  @Test
  void dependentsStartOnlyAfterEveryElementHasEnded() {
    AtomicInteger ended = new AtomicInteger();
    PipelineRun run =
        new TestPipeline()
            .value("grid", r -> SIX)
            .forEach(
                "work",
                TaskKind.VALUE,
                "grid",
                0,
                (element, r) -> {
                  ended.incrementAndGet();
                  return element;
                },
                "grid")
            .value("after", r -> ended.get(), "work")
            .run();
    assertEquals(6, run.<Integer>value(2));
  }

  @RepeatedTest(5)
  void asyncElementsHoldNoThreadAndAllCompleteInOrder() {
    ExecutorService single = Executors.newSingleThreadExecutor();
    List<CompletableFuture<Object>> pending = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch allStarted = new CountDownLatch(6);
    try {
      PipelineRun run =
          new TestPipeline()
              .value("grid", r -> SIX)
              .forEach(
                  "fetch",
                  TaskKind.ASYNC,
                  "grid",
                  0,
                  (element, r) -> {
                    CompletableFuture<Object> future = new CompletableFuture<>();
                    pending.add(future);
                    allStarted.countDown();
                    return future.thenApply(ignored -> "v" + element);
                  },
                  "grid")
              .start(RunOptions.defaults().executor(single));
      // Six pending elements on one thread: none holds it.
      assertTrue(allStarted.await(10, TimeUnit.SECONDS));
      synchronized (pending) {
        for (int i = pending.size() - 1; i >= 0; i--) {
          pending.get(i).complete(null);
        }
      }
      run.await();
      assertEquals(List.of("v1", "v2", "v3", "v4", "v5", "v6"), run.value(1));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void anEmptyCollectionGivesAnEmptyListWithoutRunningAnything() {
    PipelineRun run =
        new TestPipeline()
            .value("grid", r -> List.of())
            .forEach(
                "never",
                TaskKind.VALUE,
                "grid",
                0,
                (element, r) -> {
                  throw new AssertionError("no element to run for");
                },
                "grid")
            .run();
    assertEquals(List.of(), run.value(1));
  }

  @Test
  void arraysAndOtherIterablesWorkToo() {
    PipelineRun run =
        new TestPipeline()
            .value("grid", r -> new int[] {3, 4})
            .forEach(
                "twice", TaskKind.VALUE, "grid", 0, (element, r) -> (Integer) element * 2, "grid")
            .value("words", r -> (Iterable<String>) () -> List.of("a", "b").iterator())
            .forEach(
                "upper",
                TaskKind.VALUE,
                "words",
                0,
                (element, r) -> ((String) element).toUpperCase(),
                "words")
            .run();
    assertEquals(List.of(6, 8), run.value(1));
    assertEquals(List.of("A", "B"), run.value(3));
  }

  @Test
  void aNullCollectionFailsTheFanOutTaskWithAClearMessage() {
    PipelineException thrown =
        assertThrows(
            PipelineException.class,
            () ->
                new TestPipeline()
                    .value("grid", r -> null)
                    .forEach("each", TaskKind.VALUE, "grid", 0, (element, r) -> element, "grid")
                    .run());
    assertEquals("each", thrown.failedTask());
    assertEquals(
        "task 'grid' returned null instead of elements to run for", thrown.getCause().getMessage());
  }

  @RepeatedTest(5)
  void aFailingElementFailsFastNamedByItsPositionAndStopsTheOthers() {
    IOException refused = new IOException("model 3 refused");
    CountDownLatch othersRunning = new CountDownLatch(2);
    PipelineException thrown =
        assertThrows(
            PipelineException.class,
            () ->
                new TestPipeline()
                    .value("grid", r -> List.of(0, 1, 2, 3))
                    .forEach(
                        "train",
                        TaskKind.VALUE,
                        "grid",
                        0,
                        (element, r) -> {
                          if ((Integer) element == 3) {
                            assertTrue(othersRunning.await(10, TimeUnit.SECONDS));
                            throw refused;
                          }
                          if ((Integer) element < 2) {
                            othersRunning.countDown();
                            Thread.sleep(60_000); // interrupted when the run stops
                          }
                          return element;
                        },
                        "grid")
                    .value("report", r -> "never", "train")
                    .run());
    assertEquals("train[3]", thrown.failedTask());
    assertSame(refused, thrown.getCause());
    assertEquals(List.of("train[3]"), List.copyOf(thrown.failures().keySet()));
    PipelineRun run = PipelineRun.of(thrown, ((RunFailedException) thrown).run().graph());
    IllegalStateException skipped = assertThrows(IllegalStateException.class, () -> run.value(2));
    assertTrue(
        skipped.getMessage().contains("did not run because task 'train' failed"),
        skipped.getMessage());
  }

  @Test
  void keepingGoingRunsEveryElementAndReportsEveryFailure() {
    AtomicInteger ran = new AtomicInteger();
    PipelineException thrown =
        assertThrows(
            PipelineException.class,
            () ->
                new TestPipeline()
                    .value("grid", r -> SIX)
                    .forEach(
                        "train",
                        TaskKind.VALUE,
                        "grid",
                        2,
                        (element, r) -> {
                          ran.incrementAndGet();
                          if ((Integer) element % 2 == 0) {
                            throw new IllegalStateException("bad " + element);
                          }
                          return element;
                        },
                        "grid")
                    .value("other", r -> "fine")
                    .run(RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING)));
    assertEquals(6, ran.get());
    assertEquals(Set.of("train[1]", "train[3]", "train[5]"), thrown.failures().keySet());
    assertEquals(
        "fine", PipelineRun.of(thrown, ((RunFailedException) thrown).run().graph()).value(2));
  }

  @RepeatedTest(5)
  void eachElementHasItsOwnRetries() {
    ConcurrentHashMap<Object, AtomicInteger> attempts = new ConcurrentHashMap<>();
    List<Integer> retried = Collections.synchronizedList(new ArrayList<>());
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskRetried(TaskEvent event) {
            retried.add(event.element());
          }
        };
    PipelineRun run =
        new TestPipeline()
            .value("grid", r -> List.of(0, 1, 2))
            .forEach(
                "flaky",
                TaskKind.VALUE,
                "grid",
                0,
                (element, r) -> {
                  int attempt =
                      attempts.computeIfAbsent(element, e -> new AtomicInteger()).incrementAndGet();
                  if ((Integer) element == 1 && attempt < 3) {
                    throw new IOException("try again");
                  }
                  return element + "@" + attempt;
                },
                "grid")
            .policy(
                TaskPolicy.none().retries(2).backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
            .run(RunOptions.defaults().listener(listener));
    assertEquals(List.of("0@1", "1@3", "2@1"), run.value(1));
    assertEquals(List.of(1, 1), retried);
  }

  @RepeatedTest(5)
  void eachElementHasItsOwnTimeout() {
    PipelineException thrown =
        assertThrows(
            PipelineException.class,
            () ->
                new TestPipeline()
                    .value("grid", r -> List.of(0, 1))
                    .forEach(
                        "slow",
                        TaskKind.VALUE,
                        "grid",
                        0,
                        (element, r) -> {
                          if ((Integer) element == 1) {
                            Thread.sleep(60_000);
                          }
                          return element;
                        },
                        "grid")
                    .policy(TaskPolicy.none().timeout(Duration.ofMillis(50)))
                    .run());
    assertEquals("slow[1]", thrown.failedTask());
    assertInstanceOf(java.util.concurrent.TimeoutException.class, thrown.getCause());
    assertTrue(
        thrown.getCause().getMessage().startsWith("task 'slow[1]' timed out after 0.05s"),
        thrown.getCause().getMessage());
  }

  @RepeatedTest(5)
  void cancellingTheRunStopsRunningElementsBeforeAwaitReturns() throws Exception {
    CountDownLatch running = new CountDownLatch(2);
    AtomicInteger stillRunning = new AtomicInteger();
    PipelineRun run =
        new TestPipeline()
            .value("grid", r -> SIX)
            .forEach(
                "work",
                TaskKind.VALUE,
                "grid",
                2,
                (element, r) -> {
                  stillRunning.incrementAndGet();
                  try {
                    running.countDown();
                    Thread.sleep(60_000);
                    return element;
                  } finally {
                    stillRunning.decrementAndGet();
                  }
                },
                "grid")
            .start();
    assertTrue(running.await(10, TimeUnit.SECONDS));
    assertTrue(run.cancel());
    assertThrows(CancellationException.class, run::await);
    assertEquals(0, stillRunning.get());
    assertTrue(run.future(1).isCompletedExceptionally());
  }

  @Test
  void elementEventsNameTheElementAndCarryTheTasksIndex() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskSucceeded(TaskEvent event) {
            events.add(event.task() + "#" + event.index() + "/" + event.element());
          }
        };
    new TestPipeline()
        .value("grid", r -> List.of("x"))
        .forEach("each", TaskKind.VOID, "grid", 0, (element, r) -> null, "grid")
        .run(RunOptions.defaults().listener(listener));
    assertEquals(List.of("grid#0/-1", "each[0]#1/0", "each#1/-1"), events);
  }

  @Test
  void aTraceDrawsAFanOutAsItsOneTask() {
    TraceRecorder recorder = new TraceRecorder();
    new TestPipeline()
        .value("grid", r -> SIX)
        .forEach("train", TaskKind.VALUE, "grid", 2, (element, r) -> element, "grid")
        .run(RunOptions.defaults().listener(recorder));
    Trace trace = recorder.trace();
    assertEquals(2, trace.tasks().size());
    assertEquals(TaskSpan.Ending.SUCCEEDED, trace.task("train").ending());
    assertEquals(1, trace.task("train").attempts().size());
  }

  @Test
  void anIterableThatThrowsFailsTheFanOutAndTheRunStillEnds() {
    IllegalStateException broken = new IllegalStateException("cursor closed");
    PipelineException thrown =
        assertThrows(
            PipelineException.class,
            () ->
                new TestPipeline()
                    .value(
                        "rows",
                        r ->
                            (Iterable<Object>)
                                () -> {
                                  throw broken;
                                })
                    .forEach("each", TaskKind.VALUE, "rows", 0, (element, r) -> element, "rows")
                    .run());
    assertEquals("each", thrown.failedTask());
    assertSame(broken, thrown.getCause());
  }
}
