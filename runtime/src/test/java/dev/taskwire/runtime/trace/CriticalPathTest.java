package dev.taskwire.runtime.trace;

import static dev.taskwire.runtime.trace.Traces.MS;
import static dev.taskwire.runtime.trace.Traces.attempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CriticalPathTest {
  /** upload -> train -> predict decides the end; other only feeds predict and is early. */
  private static final Trace TRAIN_AND_PREDICT =
      Traces.pipeline("ml.Pipeline")
          .ran("upload", 0, 1000)
          .ran("other", 0, 500)
          .ran("train", 1100, 3000, "upload")
          .ran("predict", 3000, 3900, "train", "other")
          .took(4200);

  @Test
  void thePathWalksBackFromTheLastTaskThroughThePrerequisiteThatFinishedLast() {
    CriticalPath path = TRAIN_AND_PREDICT.criticalPath();
    assertEquals(List.of("upload", "train", "predict"), path.tasks());
    assertEquals((1000 + 1900 + 900) * MS, path.pathNanos());
    assertTrue(path.contains("train"));
    assertFalse(path.contains("other"));
  }

  @Test
  void theReportSaysHowMuchOfTheRunThePathTook() {
    assertEquals(
        "the run took 4.20 s; 3.80 s of it was upload -> train -> predict",
        TRAIN_AND_PREDICT.criticalPath().report());
  }

  @Test
  void slackIsHowMuchLaterATaskCouldHaveFinished() {
    CriticalPath path = TRAIN_AND_PREDICT.criticalPath();
    assertEquals(OptionalLong.of(0), path.slackNanos("predict"));
    assertEquals(OptionalLong.of(0), path.slackNanos("train"));
    // train started 100 ms after upload ended: upload could have ended that much later.
    assertEquals(OptionalLong.of(100 * MS), path.slackNanos("upload"));
    // predict could not start before train ended at 3000 ms; other ended at 500 ms.
    assertEquals(OptionalLong.of(2500 * MS), path.slackNanos("other"));
  }

  @Test
  void slackPassesThroughChainsAndTakesTheTightestDependent() {
    Trace trace =
        Traces.pipeline("p.Diamond")
            .ran("a", 0, 100)
            .ran("b", 100, 200, "a")
            .ran("c", 100, 400, "a")
            .ran("d", 400, 500, "b", "c")
            .ran("e", 200, 250, "b")
            .took(510);
    CriticalPath path = trace.criticalPath();
    assertEquals(List.of("a", "c", "d"), path.tasks());
    // b must end before d may start (400 ms), and e before the run ends (500 ms): 200 ms.
    assertEquals(OptionalLong.of(200 * MS), path.slackNanos("b"));
    assertEquals(OptionalLong.of(250 * MS), path.slackNanos("e"));
    assertEquals(OptionalLong.of(0), path.slackNanos("a"));
  }

  @Test
  void tasksThatNeverRanHaveNoSlackAndAreNotOnThePath() {
    Trace trace =
        Traces.pipeline("p.Failing")
            .task(
                "upload",
                TaskSpan.Ending.FAILED,
                List.of(attempt(1, 0, 300, "java.io.IOException: refused")))
            .skipped("train", "upload")
            .ran("report", 0, 450)
            .took(460, TaskSpan.Ending.FAILED);
    CriticalPath path = trace.criticalPath();
    assertEquals(List.of("report"), path.tasks());
    assertEquals(OptionalLong.empty(), path.slackNanos("train"));
    // Its dependent never ran, so only the run's end bounds the failed upload.
    assertEquals(OptionalLong.of(150 * MS), path.slackNanos("upload"));
    assertEquals("the run took 460 ms; 450 ms of it was report", path.report());
  }

  @Test
  void aRetriedTaskCountsFromItsFirstAttemptToItsLast() {
    Trace trace =
        Traces.pipeline("p.Retrying")
            .task(
                "fetch",
                TaskSpan.Ending.SUCCEEDED,
                List.of(attempt(1, 0, 10, "java.io.IOException: flaky"), attempt(2, 30, 40, null)))
            .ran("use", 40, 45, "fetch")
            .took(46);
    assertEquals(List.of("fetch", "use"), trace.criticalPath().tasks());
    assertEquals(45 * MS, trace.criticalPath().pathNanos());
    assertEquals(1, trace.task("fetch").retries());
  }

  @Test
  void aRunWhereNothingRanSaysSo() {
    Trace trace = Traces.pipeline("p.Cancelled").skipped("a").took(3, TaskSpan.Ending.CANCELLED);
    assertEquals(List.of(), trace.criticalPath().tasks());
    assertEquals("the run took 3.0 ms; no task ran", trace.criticalPath().report());
  }

  @Test
  void anUnknownTaskIsAnError() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> TRAIN_AND_PREDICT.criticalPath().slackNanos("trian"));
    assertEquals("no task named 'trian' in ml.Pipeline", error.getMessage());
  }
}
