package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.assertOwnThreadsEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    for (String expected : List.of("run of dev.taskwire.samples.Pipeline: 7 tasks",
        "run of dev.taskwire.samples.Pipeline succeeded: 7/7 tasks in",
        "Best model: linear_regression", "Predictions (5 of 300)", "Summary", "with taskwire:",
        "one after another:", "Total:", "Critical path: the run took ",
        "automl-trace.json (open it in https://ui.perfetto.dev)", "automl-timeline.html")) {
      assertTrue(run.out.contains(expected), "missing '" + expected + "' in\n" + run.out);
    }
    assertTrue(run.out.matches("(?s).*\\d s  uploadTrain +started\n.*"), run.out);
    assertTrue(run.out.matches("(?s).*\\d s  uploadForecast +succeeded\n.*"), run.out);
    // The sample's graph is one chain but for uploadForecast, which finishes long before predict.
    assertTrue(run.out.matches("(?s).*Critical path: the run took [0-9.]+ m?s; [0-9.]+ m?s of it"
        + " was uploadTrain -> train -> bestModel -> predict -> downloadPredictions -> summarize"
        + "\n.*"),
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
    assertEquals(List.of("run succeeded", "uploadTrain succeeded", "uploadForecast succeeded",
        "train succeeded", "bestModel succeeded", "predict succeeded",
        "downloadPredictions succeeded", "summarize succeeded"), slices);
    String html = Files.readString(savedFile(run, "timeline"));
    assertTrue(html.contains("<h1>Pipeline<small>dev.taskwire.samples.Pipeline</small></h1>"),
        html);
  }

  /** The file the sample said it saved, on its line "  trace: PATH ..." or "  timeline: PATH". */
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

  record Run(int exitCode, String out, String err) {}

  static Run run(String args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = AutoMlSample.run(args.split(" "),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exitCode, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}
