package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.assertOwnThreadsEnd;
import static dev.taskwire.samples.TestSupport.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.samples.automl.client.HyperParams;
import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.ServerConfig;
import dev.taskwire.samples.automl.server.ServerEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * {@code --customers 200} runs every pipeline with one {@code RunOptions} whose limit "automl"
   * has the service's 4 permits per account, so the service never has more than 4 trainings open,
   * by its own count and by its own log. Its trainings are held open there until 4 are open at once
   * (none of those can end while held, so a fifth could open only past the limit); then they are
   * let go and the other 196 follow. So the peak is reached whatever the timing, and any moment of
   * the run with a fifth training open shows in it.
   */
  @Test
  void twoHundredCustomersNeverHaveMoreThanFourTrainingsOpen() throws Exception {
    int customers = 200;
    int perAccount = ServerConfig.TRAININGS_PER_ACCOUNT;
    AtomicReference<AutoMlServer> service = new AtomicReference<>();
    AtomicReference<Throwable> releaseFailed = new AtomicReference<>();
    List<Thread> releasers = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exitCode =
        CustomersDemo.run(
            // A generous request timeout: 400 uploads arrive at once on a machine that may be slow.
            SampleArgs.parse((FAST + " --timeout-ms 20000 --customers " + customers).split(" ")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            server -> {
              service.set(server);
              server.holdJobs(JobKind.TRAINING);
              Thread releaser =
                  new Thread(
                      () -> {
                        try {
                          awaitUntil(
                              perAccount + " trainings are open on the server",
                              () -> server.openJobs(JobKind.TRAINING) >= perAccount);
                        } catch (Throwable failed) {
                          releaseFailed.set(failed);
                        } finally {
                          server.releaseJobs(JobKind.TRAINING);
                        }
                      },
                      "test-releaser");
              releaser.start();
              releasers.add(releaser);
            });
    for (Thread releaser : releasers) {
      releaser.join();
    }
    String output = out.toString(StandardCharsets.UTF_8);
    assertNull(releaseFailed.get(), output);
    assertEquals(0, exitCode, output);
    assertTrue(output.contains(customers + " of " + customers + " pipelines succeeded"), output);

    AutoMlServer server = service.get();
    List<ServerEvent> trainings =
        server.events().snapshot().stream()
            .filter(event -> event.kind() == JobKind.TRAINING)
            .toList();
    assertEquals(
        customers,
        trainings.stream().filter(event -> event.type() == ServerEvent.Type.CREATED).count(),
        "one training per customer");
    assertEquals(perAccount, peakOpen(trainings), "the most trainings open at once, by the log");
    assertEquals(perAccount, server.peakOpenJobs(JobKind.TRAINING), "and by the server's count");
    assertTrue(output.contains(", " + perAccount + " trainings and "), output);
    assertTrue(output.contains("RunOptions.limit(\"automl\", 4), shared by all 200 runs"), output);
    assertOwnThreadsEnd();
  }

  /** {@code --limit 1} lets the tuning grid train one model at a time, though 3 may run at once. */
  @Test
  void theLimitFlagBoundsTheTuningGrid() throws Exception {
    Run run = run(FAST + " --tune --limit 1");
    assertEquals(0, run.exitCode, run.out);
    // At least one training was open, since eight ran; so exactly one, at most.
    assertTrue(
        run.out.contains(
            "the service had at most 1 training open at once"
                + " (maxConcurrency = 3, limit \"automl\" = 1)"),
        run.out);
    assertTrue(run.out.contains("at most 1 at once (maxConcurrency = 3"), run.out);
  }

  @Test
  void theLimitFlagIsChecked() throws Exception {
    Run zero = run("--tune --limit 0");
    assertEquals(2, zero.exitCode);
    assertTrue(zero.err.contains("--limit must allow at least 1 training at a time: 0"), zero.err);
    assertTrue(zero.err.contains("usage:"), zero.err);
    Run word = run("--customers 10 --limit four");
    assertEquals(2, word.exitCode);
    assertTrue(word.err.contains("--limit needs a whole number: 'four'"), word.err);
    Run storeAlone = run("--store target/nowhere");
    assertEquals(2, storeAlone.exitCode);
    assertTrue(storeAlone.err.contains("--store needs --tune"), storeAlone.err);
  }

  /**
   * Two tuning runs on one store directory: the first runs every task and keeps its results, the
   * second takes every result from the store, trains nothing on its new service, and reports the
   * same best trial and predictions.
   */
  @Test
  void aSecondTuningRunTakesItsResultsFromTheStore(@TempDir Path store) throws Exception {
    List<String> tasks = TuningPipelineRunner.GRAPH.taskNames();
    Run first = runWith(FAST.split(" "), "--tune", "--store", store.toString());
    assertEquals(0, first.exitCode, first.out);
    for (String task : tasks) {
      assertTrue(
          first.out.matches("(?s).*\n  " + task + " +ran \\(no entry\\)\n.*"),
          task + " in\n" + first.out);
    }
    assertTrue(first.out.contains("the service had at most 3 trainings open at once"), first.out);

    Run second = runWith(FAST.split(" "), "--tune", "--store", store.toString());
    assertEquals(0, second.exitCode, second.out);
    for (String task : tasks) {
      assertTrue(
          second.out.matches("(?s).*\n  " + task + " +from store\n.*"),
          task + " in\n" + second.out);
    }
    assertTrue(second.out.contains("no training ran on the service"), second.out);
    assertEquals(bestAndPredictions(first.out), bestAndPredictions(second.out));
  }

  /**
   * A run that reuses some results and runs the other tasks: after a run of only {@code best}, a
   * whole run takes the trials and the best model from the store, and uploads the forecast set and
   * predicts with that model on its new service, which has it since the service keeps its models in
   * the store's directory.
   */
  @Test
  void aRunThatReusesSomeResultsPredictsWithAModelOfTheRunBefore(@TempDir Path store)
      throws Exception {
    Run bestOnly = runWith(FAST.split(" "), "--tune", "--best-only", "--store", store.toString());
    assertEquals(0, bestOnly.exitCode, bestOnly.out);

    Run whole = runWith(FAST.split(" "), "--tune", "--store", store.toString());
    assertEquals(0, whole.exitCode, whole.out);
    for (String reused : List.of("uploadTrain", "grid", "train", "best")) {
      assertTrue(
          whole.out.matches("(?s).*\n  " + reused + " +from store\n.*"),
          reused + " in\n" + whole.out);
    }
    for (String ran : List.of("uploadForecast", "predict", "downloadPredictions", "summarize")) {
      assertTrue(
          whole.out.matches("(?s).*\n  " + ran + " +ran \\(no entry\\)\n.*"),
          ran + " in\n" + whole.out);
    }
    assertTrue(whole.out.contains("its predictions: 300 predictions, mean"), whole.out);
    assertEquals(bestAndPredictions(bestOnly.out).get(0), bestAndPredictions(whole.out).get(0));
  }

  /** The "Best: ..." line and the "its predictions: ..." line, if any. */
  private static List<String> bestAndPredictions(String out) {
    return out.lines()
        .filter(line -> line.startsWith("Best: ") || line.startsWith("  its predictions: "))
        .toList();
  }

  /** The most jobs open at once in {@code events}: created and not yet done or failed. */
  private static int peakOpen(List<ServerEvent> events) {
    int open = 0;
    int peak = 0;
    for (ServerEvent event : events) {
      if (event.type() == ServerEvent.Type.CREATED) {
        peak = Math.max(peak, ++open);
      } else if (event.type() != ServerEvent.Type.RUNNING) {
        open--;
      }
    }
    return peak;
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
            "the service had at most 3 trainings open at once"
                + " (maxConcurrency = 3, limit \"automl\" = 4)",
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
    return runWith(args.split(" "));
  }

  /** Runs the sample with {@code first} and then {@code more} as its arguments. */
  static Run runWith(String[] first, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(first));
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode =
        AutoMlSample.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
