package dev.taskwire.samples;

import dev.taskwire.runtime.ConsoleProgress;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.store.FileResultStore;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.Trace;
import dev.taskwire.runtime.trace.TraceRecorder;
import dev.taskwire.samples.automl.client.HyperParams;
import dev.taskwire.samples.automl.client.TrialScore;
import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.JobKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --tune} mode: {@link TuningPipeline} against the embedded service, its progress shown
 * as it runs, then every trial with its score, the best model's predictions and the run's critical
 * path. With {@code --fail-trial N} the first run fails at {@code train[N]} and is resumed; with
 * {@code --best-only} only the tasks up to {@code best} run; {@code --limit N} gives the shared
 * limit on trainings N permits.
 *
 * <p>With {@code --store DIR} the run keeps its results in a {@link FileResultStore} in {@code
 * DIR/results} and reuses those whose task's code and inputs are unchanged, and prints, per task,
 * whether its result came from the store or why it ran. The results hold the service's ids (data
 * sets, models), so the service keeps its data sets and models in {@code DIR/service}, as a real
 * service would keep them between runs: a later run that reuses some results and runs other tasks
 * finds them there. The store does not see the pipeline's fields (the grid, the data files): after
 * changing those, use another directory.
 */
final class TuningDemo {
  /** The trace files are tuning-trace.json and tuning-timeline.html. */
  private static final String TRACE_NAME = "tuning";

  private TuningDemo() {}

  /** Where {@code --store DIR} keeps the task results. */
  static Path results(Path store) {
    return store.resolve("results");
  }

  /** Where {@code --store DIR} has the service keep its data sets and models. */
  static Path serviceData(Path store) {
    return store.resolve("service");
  }

  /** Returns the process exit code: 0 if the tuning succeeded (resumed or not), 1 if it failed. */
  static int run(SampleArgs args, PrintStream out) throws IOException, InterruptedException {
    HousingData data = HousingData.load();
    List<HyperParams> grid = TuningPipeline.standardGrid();
    try (SampleServices services = SampleServices.forOneRun(args)) {
      AutoMlServer server = services.server();
      SetupReport.print(
          "taskwire AutoML sample: hyper-parameter tuning",
          services,
          data,
          TuningPipelineRunner.GRAPH,
          out);
      out.println(
          "  grid:     "
              + grid.size()
              + " configurations, one training each, at most "
              + Math.min(TuningPipeline.MAX_CONCURRENT_TRIALS, args.limit())
              + " at once ("
              + limitsInWords(args)
              + "); a failed trial is tried again "
              + TuningPipeline.TRIAL_RETRIES
              + "x on its own");
      RunOptions options = services.runOptions();
      StoreReport storeReport = null;
      if (args.store() != null) {
        FileResultStore store = FileResultStore.in(results(args.store()));
        out.println(
            "  store:    results in "
                + store.directory()
                + "; the service's data sets and models in "
                + serviceData(args.store()).toAbsolutePath());
        storeReport = new StoreReport(TuningPipelineRunner.GRAPH);
        options = options.resultStore(store).listener(storeReport);
      }
      services.client().health().join(); // the first connection and class loading, untimed

      TraceRecorder recorder = new TraceRecorder();
      // A redrawn progress bar on a terminal; one line per event in a pipe, a log or a test.
      ConsoleProgress progress = ConsoleProgress.to(out, Terminal.isTerminal(out));
      TuningPipelineRunner runner =
          new TuningPipelineRunner(
              new TuningPipeline(services.client(), data.input(), grid),
              options.listener(progress).listener(recorder));
      out.println();
      TuningPipelineRunner.Results results;
      try {
        if (args.bestOnly()) {
          out.println("Tuning without predicting (runOnly(TuningPipelineRunner.Target.best)):");
          results = runner.runOnly(TuningPipelineRunner.Target.best);
        } else {
          out.println("Running the tuning pipeline (TuningPipelineRunner.run()):");
          results = runner.run();
        }
      } catch (PipelineException failed) {
        if (args.failTrial() < 0) {
          return failure(failed, recorder, server, out);
        }
        Trace failedRun = recorder.trace();
        server.awaitNoOpenJobs(Duration.ofSeconds(2)); // stop requests may still be on their way
        int trainingsBefore = trainings(server);
        printFailure(failed, out);
        out.println();
        out.println("Resuming (TuningPipelineRunner.resume(failure)):");
        try {
          results = runner.resume(failed);
        } catch (PipelineException failedAgain) {
          return failure(failedAgain, recorder, server, out);
        }
        printWhatRanAgain(failedRun, recorder.trace(), out);
        out.println(
            "  training jobs on the service: "
                + trainingsBefore
                + " in the first run, "
                + (trainings(server) - trainingsBefore)
                + " after resuming");
      }

      if (storeReport != null) {
        out.println();
        out.println("The result store, task by task:");
        storeReport.print(out);
      }
      out.println();
      TrialScore best = results.best();
      TrialTable.print(results.train(), best, out);
      int peak = server.peakOpenJobs(JobKind.TRAINING);
      out.println(
          peak == 0
              ? "  no training ran on the service: every trial's score came from the store"
              : "  the service had at most "
                  + peak
                  + (peak == 1 ? " training" : " trainings")
                  + " open at once ("
                  + limitsInWords(args)
                  + ")");
      out.println();
      out.println(
          String.format(
              Locale.ROOT,
              "Best: %s (%s), cross-validated RMSE %,.0f EUR",
              best.params(),
              best.model().id(),
              best.rmse()));
      if (args.bestOnly()) {
        out.println(
            "  no prediction: runOnly(Target.best) ran only best and what it needs ("
                + server.jobs().stream().filter(job -> job.kind() == JobKind.PREDICTION).count()
                + " prediction jobs on the service)");
      } else {
        out.println("  its predictions: " + results.summarize().inWords());
      }
      TraceFiles.save(recorder.trace(), TRACE_NAME, out);
      return 0;
    }
  }

  /** {@code maxConcurrency = 3, limit "automl" = 4}. */
  private static String limitsInWords(SampleArgs args) {
    return "maxConcurrency = "
        + TuningPipeline.MAX_CONCURRENT_TRIALS
        + ", limit \""
        + SampleServices.AUTOML_LIMIT
        + "\" = "
        + args.limit();
  }

  private static int failure(
      PipelineException failed, TraceRecorder recorder, AutoMlServer server, PrintStream out)
      throws IOException, InterruptedException {
    FailureReport.print(failed, recorder.trace(), server, out);
    TraceFiles.save(recorder.trace(), TRACE_NAME, out);
    return 1;
  }

  private static void printFailure(PipelineException failed, PrintStream out) {
    Throwable cause = failed.getCause();
    out.println();
    out.println("The run failed, as --fail-trial asked:");
    out.println("  failedTask(): " + failed.failedTask());
    out.println("  getCause():   " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  /** Which tasks the resumed run ran, and which kept their result from the failed run. */
  private static void printWhatRanAgain(Trace failedRun, Trace resumed, PrintStream out) {
    List<String> kept =
        failedRun.tasks().stream()
            .filter(span -> span.ending() == TaskSpan.Ending.SUCCEEDED)
            .map(TaskSpan::task)
            .toList();
    List<String> ranAgain =
        resumed.tasks().stream().filter(TaskSpan::ran).map(TaskSpan::task).toList();
    out.println();
    out.println(
        "  ran again: "
            + String.join(", ", ranAgain)
            + (ranAgain.contains("train")
                ? " (train only for the trials that did not finish; the others kept their scores)"
                : ""));
    out.println(
        "  kept:      "
            + (kept.isEmpty() ? "nothing" : String.join(", ", kept))
            + " (succeeded in the first run)");
  }

  private static int trainings(AutoMlServer server) {
    return (int) server.jobs().stream().filter(job -> job.kind() == JobKind.TRAINING).count();
  }
}
