package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.store.LoggedWarnings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * State per run: {@link TaskListener#forRun} gives each run a listener of its own, and a context
 * snapshot may listen to its run and restore a context per task call ({@link
 * ContextPropagator.Snapshot#restore(TaskEvent)}), as the OpenTelemetry module does with a span per
 * attempt.
 */
@Timeout(60)
class RunScopedListenerTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  /** The events one run's listener heard, as "event task". */
  private static final class OneRun implements TaskListener {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void runStarted(RunEvent event) {
      heard.add("runStarted");
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      heard.add("succeeded " + event.task());
    }

    @Override
    public void runFinished(RunEvent event) {
      heard.add("runFinished");
    }
  }

  /** Two runs of the same options at once, both held open until both have started. */
  @RepeatedTest(5)
  void forRunGivesEachOfTwoConcurrentRunsItsOwnListener() throws Exception {
    List<OneRun> runs = new CopyOnWriteArrayList<>();
    TaskListener perRun =
        new TaskListener() {
          @Override
          public TaskListener forRun(RunEvent started) {
            OneRun run = new OneRun();
            runs.add(run);
            return run;
          }

          @Override
          public void taskSucceeded(TaskEvent event) {
            throw new AssertionError("the shared listener hears nothing itself");
          }
        };
    CountDownLatch bothRunning = new CountDownLatch(2);
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "a",
                r -> {
                  bothRunning.countDown();
                  bothRunning.await();
                  return "a";
                })
            .value("b", r -> "b", "a");
    RunOptions options = RunOptions.defaults().executor(pool).listener(perRun);
    PipelineRun first = pipeline.start(options);
    PipelineRun second = pipeline.start(options);
    assertNull(Settling.outcomeOf(first));
    assertNull(Settling.outcomeOf(second));
    assertEquals(2, runs.size());
    for (OneRun run : runs) {
      assertEquals(List.of("runStarted", "succeeded a", "succeeded b", "runFinished"), run.heard);
    }
  }

  @Test
  void aListenerThatWantsNothingOfARunOrThrowsInForRunHearsNothingAndOthersCarryOn() {
    OneRun skipping = new OneRun();
    OneRun hearing = new OneRun();
    TaskListener throwing =
        new TaskListener() {
          @Override
          public TaskListener forRun(RunEvent started) {
            throw new IllegalStateException("broken listener");
          }

          @Override
          public void runStarted(RunEvent event) {
            throw new AssertionError("not for this run");
          }
        };
    TaskListener none =
        new TaskListener() {
          @Override
          public TaskListener forRun(RunEvent started) {
            return null;
          }

          @Override
          public void runStarted(RunEvent event) {
            skipping.runStarted(event);
          }
        };
    try (LoggedWarnings warnings = new LoggedWarnings()) {
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> "a")
              .run(RunOptions.defaults().listener(none).listener(throwing).listener(hearing));
      assertEquals("a", run.value(0));
      assertEquals(1, warnings.logged().size());
      assertTrue(warnings.logged().get(0).getMessage().contains("threw in forRun"));
    }
    assertEquals(List.of(), skipping.heard);
    assertEquals(List.of("runStarted", "succeeded a", "runFinished"), hearing.heard);
  }

  /** A broken listener (a metrics registry that throws) writes one warning, not one per event. */
  @Test
  void aListenerThatThrowsOnEveryEventIsWarnedAboutOnce() {
    TaskListener broken =
        new TaskListener() {
          @Override
          public void taskStarted(TaskEvent event) {
            throw new IllegalStateException("registry down");
          }

          @Override
          public void taskSucceeded(TaskEvent event) {
            throw new IllegalStateException("registry down");
          }
        };
    try (LoggedWarnings warnings = new LoggedWarnings()) {
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> "a")
              .value("b", r -> "b", "a")
              .value("c", r -> "c", "b")
              .run(RunOptions.defaults().listener(broken));
      assertEquals("c", run.value(2));
      assertEquals(1, warnings.logged().size(), "six failures, one warning");
      assertTrue(
          warnings.logged().get(0).getMessage().contains("later failures are logged at DEBUG"));
    }
  }

  /** A propagator that notes each task call's event and hears its own run's events. */
  private static final class CallsPropagator implements ContextPropagator {
    /** "task[element]#attempt" to the thread the call was restored on. */
    final Map<String, Thread> calls = new ConcurrentHashMap<>();

    final List<OneRun> runs = new CopyOnWriteArrayList<>();

    @Override
    public Snapshot capture() {
      OneRun run = new OneRun();
      runs.add(run);
      return new Snapshot() {
        @Override
        public Scope restore() {
          return () -> {};
        }

        @Override
        public Scope restore(TaskEvent call) {
          calls.put(
              call.task() + "#" + call.attempt(),
              call.thread() == Thread.currentThread() ? call.thread() : null);
          return () -> {};
        }

        @Override
        public TaskListener listener() {
          return run;
        }
      };
    }
  }

  @RepeatedTest(5)
  void aSnapshotRestoresPerCallAndHearsItsOwnRun() throws Exception {
    CallsPropagator propagator = new CallsPropagator();
    AtomicInteger flakyCalls = new AtomicInteger();
    CompletableFuture<String> reply = CompletableFuture.completedFuture("uploaded");
    assertNull(
        Settling.outcomeOf(
            new TestPipeline()
                .async("upload", r -> reply)
                .value("grid", r -> List.of("x", "y"))
                .forEach("train", TaskKind.VALUE, "grid", 0, (element, r) -> element, "grid")
                .value(
                    "flaky",
                    r -> {
                      if (flakyCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first attempt fails");
                      }
                      return "ok";
                    },
                    "upload")
                .policy(
                    TaskPolicy.none()
                        .retries(1)
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
                .start(RunOptions.defaults().executor(pool).propagate(propagator))));
    assertEquals(
        Set.of("upload#1", "grid#1", "train[0]#1", "train[1]#1", "flaky#1", "flaky#2"),
        new TreeMap<>(propagator.calls).keySet());
    assertTrue(
        propagator.calls.values().stream().allMatch(thread -> thread != null),
        "each call's event names the thread it is restored on");
    assertEquals(1, propagator.runs.size());
    List<String> heard = propagator.runs.get(0).heard;
    assertEquals("runStarted", heard.get(0));
    assertEquals("runFinished", heard.get(heard.size() - 1));
    assertTrue(heard.contains("succeeded train[1]"), heard.toString());
  }
}
