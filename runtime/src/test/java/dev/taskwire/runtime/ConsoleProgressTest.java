package dev.taskwire.runtime;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.internal.PipelineRun;
import dev.taskwire.runtime.internal.TestPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConsoleProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static TestPipeline twoSteps() {
    return new TestPipeline().value("load", r -> 1).value("train", r -> 2, "load");
  }

  @Test
  void withoutATerminalItPrintsOnePlainLinePerEvent() {
    twoSteps().run(RunOptions.defaults().listener(ConsoleProgress.to(out, false)));
    List<String> lines = Arrays.asList(output().split("\n"));
    assertFalse(output().contains("\r"), "no control characters in a log");
    assertEquals("run of test.Pipeline: 2 tasks", lines.get(0));
    assertTrue(lines.get(1).matches(" *\\d+\\.\\d{3} s  load +started"), lines.get(1));
    assertTrue(lines.get(2).endsWith("load                 succeeded"), lines.get(2));
    assertTrue(lines.get(3).contains("train                started"), lines.get(3));
    assertTrue(
        lines.get(5).startsWith("run of test.Pipeline succeeded: 2/2 tasks in "), lines.get(5));
    assertEquals(6, lines.size());
  }

  @Test
  void aRunOfSomeTargetsCountsOnlyTheTasksItRuns() {
    new TestPipeline()
        .value("load", r -> 1)
        .value("train", r -> 2, "load")
        .value("other", r -> 3)
        .runOnly(RunOptions.defaults().listener(ConsoleProgress.to(out, false)), "load");
    List<String> lines = Arrays.asList(output().split("\n"));
    assertEquals("run of test.Pipeline: 1 tasks", lines.get(0));
    assertTrue(
        lines.get(lines.size() - 1).startsWith("run of test.Pipeline succeeded: 1/1 tasks"),
        lines.get(lines.size() - 1));
  }

  @Test
  void elementsOfAFanOutAreShownButCountAsTheirOneTask() {
    new TestPipeline()
        .value("grid", r -> List.of(1, 2))
        .forEach("train", TaskKind.VALUE, "grid", 1, (element, r) -> element, "grid")
        .run(RunOptions.defaults().listener(ConsoleProgress.to(out, false)));
    String text = output();
    assertTrue(text.contains("train[0]             succeeded"), text);
    assertTrue(text.contains("train[1]             succeeded"), text);
    assertTrue(text.contains("run of test.Pipeline succeeded: 2/2 tasks in "), text);
  }

  @Test
  void skippedElementsAreShownButNotCountedAsSkippedTasks() {
    assertThrows(
        PipelineException.class,
        () ->
            new TestPipeline()
                .value("grid", r -> List.of(1, 2, 3))
                .forEach(
                    "train",
                    TaskKind.VALUE,
                    "grid",
                    1,
                    (element, r) -> {
                      throw new IllegalStateException("bad element");
                    },
                    "grid")
                .run(RunOptions.defaults().listener(ConsoleProgress.to(out, false))));
    String text = output();
    assertTrue(text.contains("train[2]             skipped"), text);
    assertTrue(text.contains("FAILED at task train[0]: 2/2 tasks (1 succeeded, 1 failed)"), text);
  }

  @Test
  void onATerminalItRedrawsOneLineAndEndsItWithTheOutcome() {
    twoSteps().run(RunOptions.defaults().listener(ConsoleProgress.to(out, true)));
    String text = output();
    assertTrue(text.contains("\r[----------"), text);
    assertTrue(text.contains("[####################] 2/2"), text);
    assertTrue(text.endsWith("\n"), "the bar is finished with a newline");
    String lastLine = text.substring(text.lastIndexOf('\r') + 1);
    assertTrue(lastLine.startsWith("run of test.Pipeline succeeded: 2/2 tasks in "), lastLine);
    assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line in all");
  }

  @Test
  void aFailureAndTheTasksItSkippedAreReported() {
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "load",
                r -> {
                  throw new IOException("disk gone");
                })
            .value("train", r -> 2, "load");
    assertThrows(
        PipelineException.class,
        () -> pipeline.run(RunOptions.defaults().listener(ConsoleProgress.to(out, false))));
    String text = output();
    assertTrue(text.contains("load                 FAILED: java.io.IOException: disk gone"), text);
    assertTrue(text.contains("train                skipped"), text);
    assertTrue(
        text.contains(
            "run of test.Pipeline FAILED at task load: 2/2 tasks (0 succeeded,"
                + " 1 failed, 1 skipped) in "),
        text);
  }

  @Test
  void aCancelledRunFinishesTheLineToo() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "wait",
                r -> {
                  started.countDown();
                  new CountDownLatch(1).await();
                  return 1;
                })
            .start(RunOptions.defaults().listener(ConsoleProgress.to(out, true)));
    started.await();
    run.cancel();
    assertThrows(CancellationException.class, run::await);
    String text = output();
    assertTrue(text.endsWith("\n"), text);
    assertTrue(
        text.substring(text.lastIndexOf('\r') + 1)
            .startsWith("run of test.Pipeline cancelled: 1/1 tasks (0 succeeded, 1 cancelled) in "),
        text);
  }

  /** A stream that opens a latch once its text matches {@code expected}. */
  private static final class Watched extends ByteArrayOutputStream {
    private final Pattern expected;
    final CountDownLatch seen = new CountDownLatch(1);

    Watched(Pattern expected) {
      this.expected = expected;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      super.write(bytes, offset, length);
      if (expected.matcher(toString(StandardCharsets.UTF_8)).matches()) {
        seen.countDown();
      }
    }
  }

  /**
   * The snapshot is printed again after each quiet period while the run stays stuck, so the test
   * waits for one taken once the blocker had started (under load, the first may find it ready).
   */
  @Test
  void aRunThatMakesNoProgressGetsItsSnapshotPrinted() throws Exception {
    Watched watched =
        new Watched(
            Pattern.compile(
                "(?s).*no progress for \\d+\\.\\d{3} s; run of test\\.Pipeline: running, 0 of 2"
                    + " tasks ended\\R  blocker  running on thread '.+' for \\d+\\.\\d{3} s"
                    + " \\(.+\\)\\R  after    waiting for blocker\\R.*"));
    CountDownLatch gate = new CountDownLatch(1);
    ConsoleProgress progress =
        ConsoleProgress.to(new PrintStream(watched, true, StandardCharsets.UTF_8), false)
            .reportingStuckRunsAfter(Duration.ofMillis(50));
    PipelineRun run =
        new TestPipeline()
            .value("blocker", r -> gate.await(20, SECONDS))
            .value("after", r -> 2, "blocker")
            .start(RunOptions.defaults().listener(progress));
    try {
      assertTrue(watched.seen.await(20, SECONDS), watched.toString(StandardCharsets.UTF_8));
    } finally {
      gate.countDown();
    }
    run.await();
  }

  /**
   * {@link Duration#ZERO} turns the report off. Two reporters follow the same run, one turned off
   * and one of 20 ms, and the run stays stuck until the one of 20 ms has printed its snapshot
   * twice: the run was quiet well past where a short setting prints, and the one turned off printed
   * none. Both watches share one thread, the one turned off scheduled first.
   */
  @RepeatedTest(5)
  void zeroTurnsTheStuckRunReportOff() throws Exception {
    Watched reported = new Watched(Pattern.compile("(?s).*no progress for .*no progress for .*"));
    ConsoleProgress reporting =
        ConsoleProgress.to(new PrintStream(reported, true, StandardCharsets.UTF_8), false)
            .reportingStuckRunsAfter(Duration.ofMillis(20));
    ConsoleProgress off = ConsoleProgress.to(out, false).reportingStuckRunsAfter(Duration.ZERO);
    CountDownLatch gate = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value("blocker", r -> gate.await(20, SECONDS))
            .value("after", r -> 2, "blocker")
            .start(RunOptions.defaults().listener(off).listener(reporting));
    try {
      assertTrue(reported.seen.await(20, SECONDS), reported.toString(StandardCharsets.UTF_8));
    } finally {
      gate.countDown();
    }
    run.await();
    String text = output();
    assertFalse(text.contains("no progress"), text);
    assertTrue(text.contains("run of test.Pipeline succeeded: 2/2 tasks in "), text);
  }

  /** A minute unless changed; waiting a minute is no test, so the setting is read. */
  @Test
  void theStuckRunReportWaitsAMinuteByDefault() {
    long minute = Duration.ofMinutes(1).toNanos();
    assertEquals(minute, ConsoleProgress.to(out, false).stuckAfterNanos);
    assertEquals(minute, ConsoleProgress.to(out, true).stuckAfterNanos);
    assertEquals(minute, ConsoleProgress.toStandardError().stuckAfterNanos);
    ConsoleProgress tenSeconds =
        ConsoleProgress.to(out, false).reportingStuckRunsAfter(Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(10).toNanos(), tenSeconds.stuckAfterNanos);
    assertEquals(0, tenSeconds.reportingStuckRunsAfter(Duration.ZERO).stuckAfterNanos);
  }

  @Test
  void aNegativeQuietTimeIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConsoleProgress.to(out, false).reportingStuckRunsAfter(Duration.ofMillis(-1)));
  }
}
