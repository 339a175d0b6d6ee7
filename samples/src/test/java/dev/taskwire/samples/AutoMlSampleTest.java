package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.assertOwnThreadsEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.samples.automl.client.HyperParams;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The main class, as the README runs it, with the service's latencies scaled down. */
@Timeout(120)
class AutoMlSampleTest {
  static final String FAST = "--latency-scale 0.02";

  @Test
  void theMainJobPrintsTheRunTheTimelineAndTheSpeedUp() throws Exception {
    Run run = run(FAST);
    assertEquals(0, run.exitCode, run.out);
    for (String expected :
        List.of(
            "run of dev.taskwire.samples.Pipeline: 7 tasks",
            "run of dev.taskwire.samples.Pipeline succeeded: 7/7 tasks in",
            "Best model: linear_regression",
            "Predictions (5 of 300)",
            "Summary",
            "with taskwire:",
            "one after another:",
            "Total:",
            "Critical path: the run took ",
            "automl-trace.json (open it in https://ui.perfetto.dev)",
            "automl-timeline.html")) {
      assertTrue(run.out.contains(expected), "missing '" + expected + "' in\n" + run.out);
    }
    assertTrue(run.out.matches("(?s).*\\d s  uploadTrain +started\n.*"), run.out);
    assertTrue(run.out.matches("(?s).*\\d s  uploadForecast +succeeded\n.*"), run.out);
    // The sample's graph is one chain but for uploadForecast, which finishes long before predict.
    assertTrue(
        run.out.matches(
            "(?s).*Critical path: the run took [0-9.]+ m?s; [0-9.]+ m?s of it"
                + " was uploadTrain -> train -> bestModel -> predict -> downloadPredictions -> summarize"
                + "\n.*"),
        run.out);
    assertOwnThreadsEnd();
  }

  /** --otel prints the span tree: the run's span, and a span per task under it. */
  @Test
  void otelPrintsTheRunsSpanTree() throws Exception {
    Run run = run(FAST + " --otel");
    assertEquals(0, run.exitCode, run.out);
    assertTrue(run.out.contains("OpenTelemetry spans (exported to "), run.out);
    assertTrue(run.out.matches("(?s).*\nrun Pipeline [0-9,]+ ms\n.*"), run.out);
    assertTrue(run.out.matches("(?s).*\n  uploadTrain [0-9,]+ ms\n.*"), run.out);
    assertTrue(run.out.matches("(?s).*\n  train [0-9,]+ ms  \\(after uploadTrain\\)\n.*"), run.out);
    assertTrue(
        run.out.matches(
            "(?s).*\n  predict [0-9,]+ ms  \\(after (bestModel, uploadForecast|uploadForecast,"
                + " bestModel)\\)\n.*"),
        run.out);
    assertOwnThreadsEnd();
  }

  @Test
  void theMainJobSavesATraceThatPerfettoCanOpen() throws Exception {
    Run run = run(FAST);
    assertEquals(0, run.exitCode, run.out);
    JsonNode trace = new ObjectMapper().readTree(Files.readString(savedFile(run, "trace")));
    List<String> slices = new ArrayList<>();
    for (JsonNode event : trace.get("traceEvents")) {
      if (event.get("ph").asText().equals("X")) {
        slices.add(event.get("name").asText() + " " + event.path("args").get("outcome").asText());
      }
    }
    assertEquals(
        List.of(
            "run succeeded",
            "uploadTrain succeeded",
            "uploadForecast succeeded",
            "train succeeded",
            "bestModel succeeded",
            "predict succeeded",
            "downloadPredictions succeeded",
            "summarize succeeded"),
        slices);
    String html = Files.readString(savedFile(run, "timeline"));
    assertTrue(
        html.contains("<h1>Pipeline<small>dev.taskwire.samples.Pipeline</small></h1>"), html);
  }

  /** The file the sample said it saved, on its line " trace: PATH ..." or " timeline: PATH". */
  static Path savedFile(Run run, String what) {
    Matcher line = Pattern.compile("\n  " + what + ": +(\\S+)").matcher(run.out);
    assertTrue(line.find(), "no " + what + " line in\n" + run.out);
    Path file = Path.of(line.group(1));
    assertTrue(Files.isRegularFile(file), file + " was not written");
    return file;
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
    assertTrue(run.out.matches("(?s).*  predict +skipped\n.*"), run.out);
    assertTrue(run.out.contains("Critical path: the run took "), run.out);
    assertTrue(
        run.out.matches("(?s).*predict +did not run: it depends on uploadForecast.*"), run.out);
    assertTrue(
        run.out.matches("(?s).*train +did not run: it does not depend on uploadForecast.*"),
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
  void theTuneModePrintsEveryTrialTheBestAndItsPredictions() throws Exception {
    Run run = run(FAST + " --tune");
    assertEquals(0, run.exitCode, run.out);
    for (String expected :
        List.of(
            "run of dev.taskwire.samples.TuningPipeline: 8 tasks",
            "run of dev.taskwire.samples.TuningPipeline succeeded: 8/8 tasks in",
            "Best: linear_regression lambda=0 (model-",
            "its predictions: 300 predictions, mean",
            "the service had at most 3 trainings open at once (maxConcurrency = 3)",
            "Critical path: the run took ",
            "tuning-trace.json (open it in https://ui.perfetto.dev)")) {
      assertTrue(run.out.contains(expected), "missing '" + expected + "' in\n" + run.out);
    }
    List<HyperParams> grid = TuningPipeline.standardGrid();
    for (int trial = 0; trial < grid.size(); trial++) {
      String row = "  train[" + trial + "]  " + grid.get(trial).algorithm();
      assertTrue(run.out.contains(row), "no row '" + row + "' in\n" + run.out);
    }
    assertTrue(
        run.out.matches(
            "(?s).*\n  train\\[1\\]  linear_regression +lambda=0 +17,800"
                + " +0\\.965  <- best\n.*"),
        run.out);
    assertEquals(1, run.out.split("  <- best\n", -1).length - 1, "one best trial");
    assertTrue(run.out.matches("(?s).*\\d s  train\\[7\\] +succeeded\n.*"), run.out);
    assertOwnThreadsEnd();
  }

  @Test
  void aFailedTrialIsResumedAndOnlyWhatItLeftUndoneRunsAgain() throws Exception {
    Run run = run(FAST + " --tune --fail-trial 2");
    assertEquals(0, run.exitCode, run.out);
    for (String expected :
        List.of(
            "The run failed, as --fail-trial asked:",
            "failedTask(): train[2]",
            "(injected fault, 2 of 2)",
            "Resuming (TuningPipelineRunner.resume(failure)):",
            "kept:      uploadTrain, uploadForecast, grid (succeeded in the first run)",
            "run of dev.taskwire.samples.TuningPipeline succeeded: 5/5 tasks in",
            "<- best")) {
      assertTrue(run.out.contains(expected), "missing '" + expected + "' in\n" + run.out);
    }
    assertTrue(
        run.out.contains(
            "ran again: train, best, predict, downloadPredictions, summarize"
                + " (train only for the trials that did not finish; the others kept their scores)"),
        run.out);
    // train[2] trains again, and any trial that its failure cancelled; never all eight.
    java.util.regex.Matcher jobs =
        java.util.regex.Pattern.compile(
                "training jobs on the service: \\d+ in the first run, (\\d+) after resuming\n")
            .matcher(run.out);
    assertTrue(jobs.find(), run.out);
    int again = Integer.parseInt(jobs.group(1));
    assertTrue(again >= 1 && again < 8, run.out);
  }

  @Test
  void bestOnlyTunesWithoutPredicting() throws Exception {
    Run run = run(FAST + " --tune --best-only");
    assertEquals(0, run.exitCode, run.out);
    assertTrue(run.out.contains("runOnly(TuningPipelineRunner.Target.best)"), run.out);
    assertTrue(run.out.contains("run of dev.taskwire.samples.TuningPipeline: 4 tasks"), run.out);
    assertTrue(run.out.contains("(0 prediction jobs on the service)"), run.out);
    assertTrue(!run.out.contains("its predictions"), run.out);
  }

  @Test
  void tuningFlagsAreChecked() throws Exception {
    Run alone = run("--fail-trial 2");
    assertEquals(2, alone.exitCode);
    assertTrue(alone.err.contains("--fail-trial and --best-only need --tune"), alone.err);
    Run outOfRange = run("--tune --fail-trial 8");
    assertEquals(2, outOfRange.exitCode);
    assertTrue(
        outOfRange.err.contains("--fail-trial must be a trial from 0 to 7: 8"), outOfRange.err);
  }

  @Test
  void badFlagsPrintTheUsage() throws Exception {
    Run run = run("--customers");
    assertEquals(2, run.exitCode);
    assertTrue(run.err.contains("--customers needs a value"), run.err);
    assertTrue(run.err.contains("usage:"), run.err);
  }

  record Run(int exitCode, String out, String err) {}

  static Run run(String args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode =
        AutoMlSample.run(
            args.split(" "),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
