package dev.taskwire.samples;

import dev.taskwire.runtime.ConsoleProgress;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.TaskSpan;
import dev.taskwire.runtime.Trace;
import dev.taskwire.runtime.TraceRecorder;
import dev.taskwire.samples.automl.client.ClientConfig;
import dev.taskwire.samples.automl.client.ModelScore;
import dev.taskwire.samples.automl.server.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The main job: one pipeline against the embedded service, its progress shown as it runs; then
 * the same steps one after another in the same JVM, and both timelines side by side. The run's
 * trace is saved for Perfetto and as an HTML timeline, and its critical path printed.
 */
final class SinglePipelineDemo {
  private static final int CHART_WIDTH = 64;
  /** Where the trace files go: exec:java sets the samples module's target directory. */
  private static final Path OUTPUT =
      Path.of(System.getProperty("taskwire.sample.output", "target"));

  private SinglePipelineDemo() {}

  /** Returns the process exit code: 0 if the pipeline succeeded, 1 if it failed. */
  static int run(SampleArgs args, PrintStream out) throws IOException, InterruptedException {
    HousingData data = HousingData.load();
    PipelineInput input = data.input();
    ServerConfig serverConfig =
        ServerConfig.defaults().scaleLatencies(args.latencyScale()).faults(args.faults());
    // Polls start after 20 ms and back off to 100 ms, so a task's end shows within 0.1 s.
    ClientConfig clientConfig = ClientConfig.defaults()
        .withRequestTimeout(args.requestTimeout())
        .withPolling(Duration.ofMillis(20), Duration.ofMillis(100), 1.5);
    try (SampleServices services =
        SampleServices.start(serverConfig, clientConfig, args.pipelineThreads())) {
      out.println("taskwire AutoML sample");
      out.println("  service:  embedded AutoML service at " + services.server().baseUri());
      out.println("            job latencies: " + serverConfig);
      out.println("  data:     " + HousingData.TRAIN_FILE + " (" + data.train().rowCount()
          + " rows) and " + HousingData.FORECAST_FILE + " (" + data.forecast().rowCount()
          + " rows); predicting " + input.target());
      out.println("  threads:  " + services.threadsInWords());
      out.println("  tasks:    " + graphInWords());
      services.client().health().join(); // the first connection and class loading, untimed

      out.println();
      out.println("Running the pipeline (PipelineRunner.start(), then await()):");
      TraceRecorder recorder = new TraceRecorder();
      // A redrawn progress bar on a terminal; one line per event in a pipe, a log or a test.
      ConsoleProgress progress =
          ConsoleProgress.to(out, out == System.out && System.console() != null);
      PipelineRunner.Execution execution =
          new PipelineRunner(new Pipeline(services.client(), input),
              services.runOptions().listener(progress).listener(recorder))
              .start();
      PipelineRunner.Results results;
      try {
        results = execution.await();
      } catch (PipelineException failed) {
        FailureReport.print(failed, recorder.trace(), services.server(), out);
        saveTrace(recorder.trace(), out);
        return 1;
      }
      Trace trace = recorder.trace();
      long pipelineNanos = trace.durationNanos();
      printResults(results, out);

      out.println();
      out.println(
          "Now the same steps one after another (each future joined before the next call)...");
      StepTimer timer = new StepTimer(PipelineRunner.GRAPH);
      SequentialSteps.run(new Pipeline(services.client(), input), timer);
      Trace sequential = timer.trace();
      long sequentialNanos = sequential.durationNanos();

      GanttChart chart = new GanttChart(Math.max(pipelineNanos, sequentialNanos), CHART_WIDTH);
      out.println();
      out.println("Timeline (one column = " + chart.millisPerColumn() + " ms):");
      out.println("  with taskwire:");
      out.print(chart.render(trace, "    "));
      out.println("  one after another:");
      out.print(chart.render(sequential, "    "));
      out.println();
      out.println(String.format(Locale.ROOT,
          "Total: %.2f s with taskwire, %.2f s one after another: %.2fx as fast.",
          pipelineNanos / 1e9, sequentialNanos / 1e9, (double) sequentialNanos / pipelineNanos));
      out.println("  " + overlapInWords(trace, "uploadForecast")
          + "; no pipeline thread waited for the service.");
      saveTrace(trace, out);
      return 0;
    }
  }

  /** Writes the run's trace as Chrome JSON and as an HTML timeline; prints where, and why. */
  private static void saveTrace(Trace trace, PrintStream out) throws IOException {
    Path json = OUTPUT.resolve("automl-trace.json").toAbsolutePath().normalize();
    Path html = OUTPUT.resolve("automl-timeline.html").toAbsolutePath().normalize();
    trace.writeChromeJson(json);
    trace.writeHtml(html);
    out.println();
    out.println("Critical path: " + trace.criticalPath().report());
    out.println("  trace:    " + json + " (open it in https://ui.perfetto.dev)");
    out.println("  timeline: " + html);
  }

  private static void printResults(PipelineRunner.Results results, PrintStream out) {
    ModelScore best = results.bestModel();
    out.println();
    out.println(String.format(Locale.ROOT,
        "Best model: %s (%s): cross-validated RMSE %,.0f EUR, R² %.3f", best.algorithm(),
        best.id(), best.rmse(), r2(best.r2())));
    for (ModelScore model : results.train().models()) {
      if (!model.id().equals(best.id())) {
        out.println(String.format(Locale.ROOT, "  beat %-20s RMSE %,.0f EUR, R² %.3f",
            model.algorithm(), model.rmse(), r2(model.r2())));
      }
    }
    Predictions predictions = results.downloadPredictions();
    out.println();
    out.println("Predictions (5 of " + predictions.count() + "):");
    List<String> features = predictions.features();
    StringBuilder header = new StringBuilder("  ");
    features.forEach(feature -> header.append(String.format(Locale.ROOT, "%12s", feature)));
    out.println(header.append(String.format(Locale.ROOT, "  ->  %s", predictions.column())));
    for (int row = 0; row < Math.min(5, predictions.count()); row++) {
      StringBuilder line = new StringBuilder("  ");
      for (String feature : features) {
        line.append(String.format(Locale.ROOT, "%12s",
            number(predictions.table().value(row, feature))));
      }
      line.append(String.format(Locale.ROOT, "  ->  %,19.0f",
          predictions.table().value(row, predictions.column())));
      out.println(line);
    }
    PredictionSummary summary = results.summarize();
    out.println(String.format(Locale.ROOT,
        "Summary (a plain record, PredictionSummary): %d predictions, mean %,.0f, median %,.0f,"
            + " min %,.0f, max %,.0f",
        summary.count(), summary.mean(), summary.median(), summary.min(), summary.max()));
  }

  /** Which tasks ran at the same time as {@code task}, read from the trace. */
  private static String overlapInWords(Trace trace, String task) {
    TaskSpan span = trace.task(task);
    List<String> overlapping = trace.tasks().stream()
        .filter(other -> !other.task().equals(task) && other.ran())
        .filter(other -> other.startNanos() < span.endNanos()
            && span.startNanos() < other.endNanos())
        .map(TaskSpan::task)
        .toList();
    return overlapping.isEmpty()
        ? task + " overlapped no other task"
        : task + " ran at the same time as " + String.join(" and ", overlapping);
  }

  /** "task <- its prerequisites" for each task, in declaration order. */
  private static String graphInWords() {
    StringBuilder words = new StringBuilder();
    for (String task : PipelineRunner.GRAPH.taskNames()) {
      List<String> needs = PipelineRunner.GRAPH.dependencies(task);
      words.append(words.length() == 0 ? "" : "; ").append(task);
      if (!needs.isEmpty()) {
        words.append(" <- ").append(String.join(", ", needs));
      }
    }
    return words.toString();
  }

  /** R² to print: a baseline's tiny negative value would show as "-0.000". */
  private static double r2(double value) {
    return Math.abs(value) < 0.0005 ? 0 : value;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
