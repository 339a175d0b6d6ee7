package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.assertOwnThreadsEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The main class, as the README runs it, with the service's latencies scaled down. */
@Timeout(120)
class AutoMlSampleTest {
  private static final String FAST = "--latency-scale 0.02";

  @Test
  void theMainJobPrintsTheRunTheTimelineAndTheSpeedUp() throws Exception {
    Run run = run(FAST);
    assertEquals(0, run.exitCode, run.out);
    for (String expected : List.of("start   uploadTrain", "done    uploadForecast",
        "Best model: linear_regression", "Predictions (5 of 300)", "Summary", "with taskwire:",
        "one after another:", "Total:")) {
      assertTrue(run.out.contains(expected), "missing '" + expected + "' in\n" + run.out);
    }
    assertOwnThreadsEnd();
  }

  @Test
  void theCustomersModeReportsThreads() throws Exception {
    Run run = run(FAST + " --customers 20");
    assertEquals(0, run.exitCode, run.out);
    assertTrue(run.out.contains("20 of 20 pipelines succeeded"), run.out);
    assertTrue(run.out.contains("live threads"), run.out);
  }

  @Test
  void aRejectedUploadIsExplainedTaskByTask() throws Exception {
    Run run = run(FAST + " --reject-upload forecast");
    assertEquals(1, run.exitCode, run.out);
    assertTrue(run.out.contains("failedTask(): uploadForecast"), run.out);
    assertTrue(run.out.contains("HTTP 422"), run.out);
    assertTrue(run.out.matches("(?s).*skip +predict +never started.*"), run.out);
    assertTrue(run.out.matches("(?s).*predict +did not run: it depends on uploadForecast.*"),
        run.out);
    assertTrue(run.out.matches("(?s).*train +did not run: it does not depend on uploadForecast.*"),
        run.out);
    assertOwnThreadsEnd();
  }

  @Test
  void aFailedTrainingIsReported() throws Exception {
    Run run = run(FAST + " --fail train");
    assertEquals(1, run.exitCode, run.out);
    assertTrue(run.out.contains("failedTask(): train"), run.out);
    assertTrue(run.out.contains("JobFailedException"), run.out);
    assertTrue(run.out.contains("(injected fault)"), run.out);
  }

  @Test
  void badFlagsPrintTheUsage() throws Exception {
    Run run = run("--customers");
    assertEquals(2, run.exitCode);
    assertTrue(run.err.contains("--customers needs a value"), run.err);
    assertTrue(run.err.contains("usage:"), run.err);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = AutoMlSample.run(args.split(" "),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exitCode, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
