package dev.taskwire.samples;

import dev.taskwire.runtime.ConsoleProgress;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.Trace;
import dev.taskwire.runtime.trace.TraceRecorder;
import dev.taskwire.samples.automl.client.ModelScore;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The main job: one pipeline against the embedded service, its progress shown as it runs; then the
 * same steps one after another in the same JVM, and both timelines side by side. The run's trace is
 * saved for Perfetto and as an HTML timeline, and its critical path printed.
 */
final class SinglePipelineDemo {
  private static final int CHART_WIDTH = 64;

  /** The trace files are automl-trace.json and automl-timeline.html. */
  private static final String TRACE_NAME = "automl";

  private SinglePipelineDemo() {}

  /** With --otel: flushes the spans to their exporter and prints their tree. */
  private static void printSpans(SampleTracing tracing, PrintStream out) {
    if (tracing != null) {
      tracing.close();
      out.println();
      out.println("OpenTelemetry spans (exported to " + tracing.exportedTo() + "):");
      tracing.printTree(out);
    }
  }

  /** Returns the process exit code: 0 if the pipeline succeeded, 1 if it failed. */
  static int run(SampleArgs args, PrintStream out) throws IOException, InterruptedException {
    HousingData data = HousingData.load();
    PipelineInput input = data.input();
    try (SampleServices services = SampleServices.forOneRun(args)) {
      SetupReport.print("taskwire AutoML sample", services, data, PipelineRunner.GRAPH, out);
      services.client().health().join(); // the first connection and class loading, untimed

      out.println();
      out.println("Running the pipeline (PipelineRunner.start(), then await()):");
      TraceRecorder recorder = new TraceRecorder();
      SampleTracing tracing = args.otel() ? SampleTracing.start() : null;
      RunOptions options = services.runOptions();
      if (tracing != null) {
        options = options.propagate(tracing.tracing());
      }
      // A redrawn progress bar on a terminal; one line per event in a pipe, a log or a test.
      ConsoleProgress progress = ConsoleProgress.to(out, Terminal.isTerminal(out));
      PipelineRunner.Execution execution =
          new PipelineRunner(
                  new Pipeline(services.client(), input),
                  options.listener(progress).listener(recorder))
              .start();
      PipelineRunner.Results results;
      try {
        results = execution.await();
      } catch (PipelineException failed) {
        printSpans(tracing, out);
        FailureReport.print(failed, recorder.trace(), services.server(), out);
        TraceFiles.save(recorder.trace(), TRACE_NAME, out);
        return 1;
      }
      printSpans(tracing, out);
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
      out.println(
          String.format(
              Locale.ROOT,
              "Total: %.2f s with taskwire, %.2f s one after another: %.2fx as fast.",
              pipelineNanos / 1e9,
              sequentialNanos / 1e9,
              (double) sequentialNanos / pipelineNanos));
      out.println(
          "  "
              + overlapInWords(trace, "uploadForecast")
              + "; no pipeline thread waited for the service.");
      TraceFiles.save(trace, TRACE_NAME, out);
      return 0;
    }
  }

  private static void printResults(PipelineRunner.Results results, PrintStream out) {
    ModelScore best = results.bestModel();
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "Best model: %s (%s): cross-validated RMSE %,.0f EUR, R² %.3f",
            best.algorithm(),
            best.id(),
            best.rmse(),
            best.reportedR2()));
    for (ModelScore model : results.train().models()) {
      if (!model.id().equals(best.id())) {
        out.println(
            String.format(
                Locale.ROOT,
                "  beat %-20s RMSE %,.0f EUR, R² %.3f",
                model.algorithm(),
                model.rmse(),
                model.reportedR2()));
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
        line.append(
            String.format(Locale.ROOT, "%12s", number(predictions.table().value(row, feature))));
      }
      line.append(
          String.format(
              Locale.ROOT, "  ->  %,19.0f", predictions.table().value(row, predictions.column())));
      out.println(line);
    }
    out.println("Summary (a plain record, PredictionSummary): " + results.summarize().inWords());
  }

  /** Which tasks ran at the same time as {@code task}, read from the trace. */
  private static String overlapInWords(Trace trace, String task) {
    TaskSpan span = trace.task(task);
    List<String> overlapping =
        trace.tasks().stream()
            .filter(other -> !other.task().equals(task) && other.ran())
            .filter(
                other ->
                    other.startNanos() < span.endNanos() && span.startNanos() < other.endNanos())
            .map(TaskSpan::task)
            .toList();
    return overlapping.isEmpty()
        ? task + " overlapped no other task"
        : task + " ran at the same time as " + String.join(" and ", overlapping);
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
