package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK Flight Recorder events: a run records one {@code taskwire.Run} and one {@code
 * taskwire.TaskAttempt} per attempt of a task or element, read back from the recording's file.
 */
@Timeout(60)
class FlightEventsTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @TempDir Path folder;

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  private static Recording taskwireRecording() {
    Recording recording = new Recording();
    recording.enable("taskwire.Run");
    recording.enable("taskwire.TaskAttempt");
    return recording;
  }

  private List<RecordedEvent> stopAndRead(Recording recording) throws Exception {
    recording.stop();
    Path file = folder.resolve("run.jfr");
    recording.dump(file);
    recording.close();
    return RecordingFile.readAllEvents(file).stream()
        .filter(event -> event.getEventType().getName().startsWith("taskwire."))
        .collect(Collectors.toList());
  }

  /**
   * Whether {@code event} is a task attempt. The file holds events in the order the threads'
   * buffers were flushed, not the order they happened, so a run's event may come first: only an
   * attempt has a task to read.
   */
  private static boolean isAttempt(RecordedEvent event) {
    return event.getEventType().getName().equals("taskwire.TaskAttempt");
  }

  /** "task[element]#attempt" to outcome, for every attempt event. */
  private static Map<String, String> attempts(List<RecordedEvent> events) {
    Map<String, String> attempts = new TreeMap<>();
    for (RecordedEvent event : events) {
      if (isAttempt(event)) {
        int element = event.getInt("element");
        attempts.put(
            event.getString("task")
                + (element < 0 ? "" : "[" + element + "]")
                + "#"
                + event.getInt("attempt"),
            event.getString("outcome"));
      }
    }
    return attempts;
  }

  @Test
  void aRunRecordsItsAttemptsWithTheirOutcomes() throws Exception {
    AtomicInteger flakyCalls = new AtomicInteger();
    Recording recording = taskwireRecording();
    recording.start();
    Throwable outcome =
        Settling.outcomeOf(
            new TestPipeline()
                .value("grid", r -> List.of(1, 2))
                .forEach("train", TaskKind.VALUE, "grid", 0, (element, r) -> element, "grid")
                .value(
                    "flaky",
                    r -> {
                      if (flakyCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first attempt fails");
                      }
                      return "ok";
                    })
                .policy(
                    TaskPolicy.none()
                        .retries(1)
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
                .value(
                    "broken",
                    r -> {
                      throw new IllegalArgumentException("no model");
                    },
                    "flaky")
                .value("never", r -> "skipped", "broken")
                // Keeping going, the fan-out ends as it would without the failure: no race.
                .start(RunOptions.defaults().executor(pool).onFailure(FailurePolicy.KEEP_GOING)));
    assertInstanceOf(PipelineException.class, outcome);
    List<RecordedEvent> events = stopAndRead(recording);

    assertEquals(
        Map.of(
            "grid#1", "succeeded",
            "train#1", "succeeded",
            "train[0]#1", "succeeded",
            "train[1]#1", "succeeded",
            "flaky#1", "retried",
            "flaky#2", "succeeded",
            "broken#1", "failed"),
        attempts(events),
        "a skipped task records no attempt");
    RecordedEvent broken =
        events.stream()
            .filter(event -> isAttempt(event) && "broken".equals(event.getString("task")))
            .findFirst()
            .orElseThrow();
    assertEquals("test.Pipeline", broken.getString("pipeline"));
    assertTrue(broken.getString("failure").contains("no model"));
    assertTrue(broken.getThread("ranOn").getJavaName().startsWith("pool-"));
    assertFalse(broken.getDuration().isNegative());
    assertFalse(broken.getDuration("waited").isNegative());

    List<RecordedEvent> runs =
        events.stream()
            .filter(event -> event.getEventType().getName().equals("taskwire.Run"))
            .toList();
    assertEquals(1, runs.size());
    assertEquals("failed", runs.get(0).getString("outcome"));
    assertEquals(5, runs.get(0).getInt("tasks"));
    assertTrue(runs.get(0).getString("failure").contains("broken"));
  }

  /** An async attempt lasts until its future completes, on whichever thread completes it. */
  @Test
  void anAsyncAttemptLastsUntilItsFutureCompletes() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    CountDownLatch called = new CountDownLatch(1);
    Recording recording = taskwireRecording();
    recording.start();
    PipelineRun run =
        new TestPipeline()
            .async(
                "upload",
                r -> {
                  called.countDown();
                  return reply;
                })
            .start(RunOptions.defaults().executor(pool));
    assertTrue(called.await(Settling.GUARD_SECONDS, TimeUnit.SECONDS));
    long before = System.nanoTime();
    Thread.sleep(5); // the attempt is still open: its duration must cover this
    long slept = System.nanoTime() - before;
    reply.complete("uploaded");
    assertNull(Settling.outcomeOf(run));
    RecordedEvent upload =
        stopAndRead(recording).stream()
            .filter(FlightEventsTest::isAttempt)
            .findFirst()
            .orElseThrow();
    assertEquals("succeeded", upload.getString("outcome"));
    assertTrue(
        upload.getDuration().toNanos() >= slept,
        upload.getDuration() + " covers the " + slept + " ns the future was open");
  }

  /** A recording that takes runs but not attempts: the run makes no task events for it. */
  @Test
  void aRecordingOfRunsAloneTakesNoTaskEvents() throws Exception {
    Recording recording = new Recording();
    recording.enable("taskwire.Run");
    recording.disable("taskwire.TaskAttempt");
    recording.start();
    PipelineRun run = new TestPipeline().value("a", r -> "a").value("b", r -> "b", "a").run();
    Listeners listeners = run.listeners();
    assertTrue(listeners.want(Listeners.RUN_FINISHED));
    for (int event : new int[] {Listeners.SCHEDULED, Listeners.STARTED, Listeners.SUCCEEDED}) {
      assertFalse(listeners.want(event), "task event " + event);
    }
    List<RecordedEvent> events = stopAndRead(recording);
    assertEquals(
        List.of("taskwire.Run"),
        events.stream().map(event -> event.getEventType().getName()).toList());
    assertEquals(2, events.get(0).getInt("tasks"));
    assertEquals("succeeded", events.get(0).getString("outcome"));
  }

  @Test
  void withoutARecordingARunGetsNoFlightListener() throws Exception {
    assertFalse(FlightEvents.recording());
    assertNull(Listeners.beforeStart(null, null));
    PipelineRun run = new TestPipeline().value("a", r -> "a").run();
    assertNull(run.features, "a plain run has no features, so no listeners");
  }

  /** A recording stopped while a run is under way: the run ends as it would have, unrecorded. */
  @Test
  void aRecordingStoppedMidRunChangesNothing() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    CountDownLatch called = new CountDownLatch(1);
    Recording recording = taskwireRecording();
    recording.start();
    PipelineRun run =
        new TestPipeline()
            .async(
                "upload",
                r -> {
                  called.countDown();
                  return reply;
                })
            .value("train", r -> "model", "upload")
            .start(RunOptions.defaults().executor(pool));
    assertTrue(called.await(Settling.GUARD_SECONDS, TimeUnit.SECONDS));
    List<RecordedEvent> events = stopAndRead(recording);
    reply.complete("uploaded");
    assertNull(Settling.outcomeOf(run));
    assertEquals("model", run.slots[1]);
    assertTrue(
        events.stream()
            .noneMatch(event -> isAttempt(event) && "train".equals(event.getString("task"))));
    assertTrue(Files.exists(folder.resolve("run.jfr")));
  }
}
