package dev.taskwire.micrometer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.store.FileResultStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meters of known runs of generated runners, exactly: every meter the registry holds, with its
 * count, and nothing else. Durations are asserted only to be counted and not negative.
 */
@Timeout(60)
class TaskwireMetricsTest {
  private static final Set<String> BOUNDED_TAGS = Set.of("pipeline", "task", "outcome");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RunOptions options =
      RunOptions.defaults().listener(TaskwireMetrics.of(registry).listener());

  /** Whatever a test did, every meter has only bounded tags, and no element's name as its task. */
  @AfterEach
  void everyTagIsBounded() {
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      Set<String> keys = id.getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
      assertTrue(BOUNDED_TAGS.containsAll(keys), id.toString());
      String task = id.getTag("task");
      assertTrue(task == null || !task.contains("["), id.toString());
      assertTrue(id.getTag("pipeline").startsWith("dev.taskwire.micrometer."), id.toString());
    }
  }

  /**
   * Every meter of the registry, as {@code name{tags but pipeline}} to its count; each of {@code
   * pipeline}. A timer's total time is not negative.
   */
  private Map<String, Long> meters(Class<?> pipeline) {
    Map<String, Long> counts = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      Meter.Id id = meter.getId();
      assertEquals(pipeline.getName(), id.getTag("pipeline"), id.toString());
      String tags =
          id.getTags().stream()
              .filter(tag -> !tag.getKey().equals("pipeline"))
              .map(tag -> tag.getKey() + "=" + tag.getValue())
              .collect(Collectors.joining(",", "{", "}"));
      long count;
      if (meter instanceof Timer timer) {
        count = timer.count();
        assertTrue(timer.totalTime(SECONDS) >= 0, id.toString());
      } else if (meter instanceof Counter counter) {
        count = (long) counter.count();
        assertEquals(count, counter.count(), id.toString());
      } else {
        throw new AssertionError("an unexpected meter: " + id);
      }
      counts.put(id.getName() + tags, count);
    }
    return counts;
  }

  /** Adds the three meters of each named task that ran once and succeeded. */
  private static Map<String, Long> succeededOnce(Map<String, Long> expected, String... tasks) {
    for (String task : tasks) {
      expected.put("taskwire.task.duration{outcome=succeeded,task=" + task + "}", 1L);
      expected.put("taskwire.task.outcomes{outcome=succeeded,task=" + task + "}", 1L);
      expected.put("taskwire.task.queued{task=" + task + "}", 1L);
    }
    return expected;
  }

  /** Every task of a successful run: one attempt, one outcome and one wait each, one run. */
  @Test
  void aSuccessfulRunCountsEachTaskOnce() {
    assertEquals("clean rows, 4 rows", new ShopRunner(new Shop(), options).run().report());

    Map<String, Long> expected = succeededOnce(new TreeMap<>(), "load", "clean", "count", "report");
    expected.put("taskwire.run.duration{outcome=succeeded}", 1L);
    assertEquals(expected, meters(Shop.class));
  }

  /**
   * A task that fails on its retry too: its first attempt is timed as retried, its second as
   * failed, its wait once (the backoff is not a wait); the tasks after it are skipped and never
   * timed.
   */
  @Test
  void aTaskThatFailsAfterARetryIsRetriedOnceFailedOnceAndItsDependentsSkipped() {
    Flaky pipeline = new Flaky();
    PipelineException failure =
        assertThrows(PipelineException.class, new FlakyRunner(pipeline, options)::run);
    assertEquals("fetch", failure.failedTask());
    assertEquals(2, pipeline.attempts.get());

    Map<String, Long> expected = new TreeMap<>();
    expected.put("taskwire.task.queued{task=fetch}", 1L);
    expected.put("taskwire.task.duration{outcome=retried,task=fetch}", 1L);
    expected.put("taskwire.task.duration{outcome=failed,task=fetch}", 1L);
    expected.put("taskwire.task.retries{task=fetch}", 1L);
    expected.put("taskwire.task.outcomes{outcome=failed,task=fetch}", 1L);
    expected.put("taskwire.task.outcomes{outcome=skipped,task=parse}", 1L);
    expected.put("taskwire.task.outcomes{outcome=skipped,task=store}", 1L);
    expected.put("taskwire.run.duration{outcome=failed}", 1L);
    assertEquals(expected, meters(Flaky.class));
  }

  /**
   * A fan-out of three elements is measured under its task's name: each element and the task as a
   * whole once, four in all; no meter has an element tag or an element's name ({@link
   * #everyTagIsBounded}).
   */
  @Test
  void theElementsOfAFanOutCountUnderTheirTasksName() {
    assertEquals("model 1", new GridRunner(new Grid(), options).run().best());

    Map<String, Long> expected = succeededOnce(new TreeMap<>(), "seeds", "best");
    expected.put("taskwire.task.duration{outcome=succeeded,task=train}", 4L);
    expected.put("taskwire.task.outcomes{outcome=succeeded,task=train}", 4L);
    expected.put("taskwire.task.queued{task=train}", 4L);
    expected.put("taskwire.run.duration{outcome=succeeded}", 1L);
    assertEquals(expected, meters(Grid.class));
  }

  /** A second run whose every result is in the store counts a cache hit per task. */
  @Test
  void resultsFromTheStoreCountAsCacheHits(@TempDir Path directory) {
    RunOptions stored = options.resultStore(FileResultStore.in(directory));
    new ShopRunner(new Shop(), stored).run();
    Map<String, Long> expected = succeededOnce(new TreeMap<>(), "load", "clean", "count", "report");
    expected.put("taskwire.run.duration{outcome=succeeded}", 1L);
    assertEquals(expected, meters(Shop.class), "the first run found nothing in the store");

    Shop later = new Shop();
    assertEquals("clean rows, 4 rows", new ShopRunner(later, stored).run().report());
    assertEquals(0, later.calls.get(), "a task was called although its result was stored");

    expected.replaceAll((meter, count) -> 2L);
    for (String task : new String[] {"load", "clean", "count", "report"}) {
      expected.put("taskwire.task.cache.hits{task=" + task + "}", 1L);
    }
    assertEquals(expected, meters(Shop.class));
  }

  /**
   * Two runs of one pipeline, with one listener, whose tasks overlap (each waits until the other
   * has started): one succeeds and one fails, and each is counted as itself. Were their states
   * mixed up, one of the two attempts of {@code meet} would go untimed.
   */
  @Test
  void twoConcurrentRunsWithOneListenerAreCountedSeparately() {
    CountDownLatch both = new CountDownLatch(2);
    MeetingRunner.Execution succeeding =
        new MeetingRunner(new Meeting(both, false), options).start();
    MeetingRunner.Execution failing = new MeetingRunner(new Meeting(both, true), options).start();
    assertEquals("minutes: met", succeeding.await().minutes());
    PipelineException failure = assertThrows(PipelineException.class, failing::await);
    assertEquals("meet", failure.failedTask());

    Map<String, Long> expected = new TreeMap<>();
    expected.put("taskwire.task.queued{task=meet}", 2L);
    expected.put("taskwire.task.duration{outcome=succeeded,task=meet}", 1L);
    expected.put("taskwire.task.duration{outcome=failed,task=meet}", 1L);
    expected.put("taskwire.task.outcomes{outcome=succeeded,task=meet}", 1L);
    expected.put("taskwire.task.outcomes{outcome=failed,task=meet}", 1L);
    expected.put("taskwire.task.queued{task=minutes}", 1L);
    expected.put("taskwire.task.duration{outcome=succeeded,task=minutes}", 1L);
    expected.put("taskwire.task.outcomes{outcome=succeeded,task=minutes}", 1L);
    expected.put("taskwire.task.outcomes{outcome=skipped,task=minutes}", 1L);
    expected.put("taskwire.run.duration{outcome=succeeded}", 1L);
    expected.put("taskwire.run.duration{outcome=failed}", 1L);
    assertEquals(expected, meters(Meeting.class));
  }

  /**
   * A run cancelled while a task waits: that task's attempt is timed as cancelled, the task after
   * it is skipped, and the run is timed as cancelled.
   */
  @Test
  void aCancelledRunCountsTheRunningTaskAsCancelled() throws Exception {
    Gate pipeline = new Gate();
    GateRunner.Execution execution = new GateRunner(pipeline, options).start();
    assertTrue(pipeline.waiting.await(30, SECONDS));
    assertTrue(execution.cancel());
    assertThrows(CancellationException.class, execution::await);

    Map<String, Long> expected = succeededOnce(new TreeMap<>(), "source");
    expected.put("taskwire.task.queued{task=gated}", 1L);
    expected.put("taskwire.task.duration{outcome=cancelled,task=gated}", 1L);
    expected.put("taskwire.task.outcomes{outcome=cancelled,task=gated}", 1L);
    expected.put("taskwire.task.outcomes{outcome=skipped,task=after}", 1L);
    expected.put("taskwire.run.duration{outcome=cancelled}", 1L);
    assertEquals(expected, meters(Gate.class));
  }

  /**
   * A run stopped by its deadline is timed as failed, not cancelled: its task waits at a gate
   * nobody opens, so only the deadline ends it.
   */
  @Test
  void aRunStoppedByItsDeadlineIsTimedAsFailed() {
    RunOptions withDeadline = options.deadline(Duration.ofMillis(50));
    PipelineException failure =
        assertThrows(PipelineException.class, new GateRunner(new Gate(), withDeadline)::run);
    TimeoutException timeout = assertInstanceOf(TimeoutException.class, failure.getCause());
    assertTrue(timeout.getMessage().contains("passed its deadline"), timeout.getMessage());

    Map<String, Long> runs = new TreeMap<>(meters(Gate.class));
    runs.keySet().removeIf(meter -> !meter.startsWith(TaskwireMetrics.RUN_DURATION + "{"));
    assertEquals(Map.of("taskwire.run.duration{outcome=failed}", 1L), runs);
  }

  /**
   * A registry that throws whenever a meter is made changes no run's outcome: a successful run
   * still returns its results, a failing one still fails with its own failure. What the listener
   * threw was reported as the runtime's warnings, and that is all that was.
   */
  @Test
  void aRegistryThatThrowsChangesNoRunsOutcome() {
    AtomicInteger asked = new AtomicInteger();
    MeterRegistry broken = new SimpleMeterRegistry();
    broken
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                asked.incrementAndGet();
                throw new IllegalStateException("the registry is broken");
              }
            });
    RunOptions brokenOptions =
        RunOptions.defaults().listener(TaskwireMetrics.of(broken).listener());

    List<LogRecord> warnings;
    try (Warnings logged = new Warnings()) {
      assertEquals("clean rows, 4 rows", new ShopRunner(new Shop(), brokenOptions).run().report());
      Flaky flaky = new Flaky();
      PipelineException failure =
          assertThrows(PipelineException.class, new FlakyRunner(flaky, brokenOptions)::run);
      assertEquals("fetch", failure.failedTask());
      assertEquals("attempt 2 found it down", failure.getCause().getMessage());
      assertEquals(2, flaky.attempts.get(), "the retry did not happen");
      warnings = logged.records();
    }

    assertTrue(asked.get() > 0, "the listener never asked the registry for a meter");
    assertEquals(List.of(), broken.getMeters());
    assertTrue(!warnings.isEmpty(), "the runtime reported no listener failure");
    for (LogRecord warning : warnings) {
      assertEquals(Level.WARNING, warning.getLevel());
      assertEquals("the registry is broken", warning.getThrown().getMessage());
    }
  }

  /**
   * Collects what the runtime logs (through {@code System.Logger}: {@code java.util.logging} on a
   * plain JDK) instead of printing it, while open.
   */
  private static final class Warnings extends Handler implements AutoCloseable {
    // Held: the log manager keeps loggers only weakly, and with them the handler added here.
    private final Logger runtime = Logger.getLogger("dev.taskwire.runtime");
    private final boolean parents = runtime.getUseParentHandlers();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    Warnings() {
      setLevel(Level.ALL);
      runtime.addHandler(this);
      runtime.setUseParentHandlers(false);
    }

    List<LogRecord> records() {
      return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      runtime.removeHandler(this);
      runtime.setUseParentHandlers(parents);
    }
  }
}
