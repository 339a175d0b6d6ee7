package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.awaitUntil;
import static dev.taskwire.samples.TestSupport.fastClient;
import static dev.taskwire.samples.TestSupport.fastServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.SharedLimit;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.samples.automl.client.HyperParams;
import dev.taskwire.samples.automl.client.JobFailedException;
import dev.taskwire.samples.automl.client.ModelScore;
import dev.taskwire.samples.automl.client.TrialScore;
import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.Faults;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.JobState;
import dev.taskwire.samples.automl.server.ServerConfig;
import dev.taskwire.samples.automl.server.ServerEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tuning pipeline against the embedded service: how many trainings the service had open at once
 * (from its own log, with jobs held open there), which trial wins and what it predicts (against an
 * independent least-squares fit), and what a failing trial, a resume and a run of only {@code best}
 * do, counted in the service's jobs.
 */
@Timeout(60)
class TuningPipelineTest {
  private static final List<HyperParams> GRID = TuningPipeline.standardGrid();

  /** Trial 2 fails on both of its attempts. */
  private static final HyperParams FAILING = GRID.get(2);

  private final PipelineInput input = HousingData.load().customer(0, 300, 30);

  /**
   * With trainings held open on the server, three are open at the same moment, which is overlap by
   * definition; and since none of them can end, a fourth would only appear if the limit were
   * broken. The log's peak over the whole run is therefore exactly the limit.
   */
  @RepeatedTest(3)
  void trialsOverlapButNeverMoreThanTheLimitAreOpen() throws Exception {
    try (SampleServices services = SampleServices.start(fastServer(), fastClient(), 4)) {
      AutoMlServer server = services.server();
      server.holdJobs(JobKind.TRAINING);
      TuningPipelineRunner.Execution run =
          new TuningPipelineRunner(pipeline(services, input), services.runOptions()).start();
      // At least: a broken limit then shows as a peak above it, not as a wait that never ends.
      awaitUntil(
          "three trainings are open on the server",
          () -> server.openJobs(JobKind.TRAINING) >= TuningPipeline.MAX_CONCURRENT_TRIALS);
      server.releaseJobs(JobKind.TRAINING);
      TuningPipelineRunner.Results results = run.await();

      List<ServerEvent> trainings =
          server.events().snapshot().stream()
              .filter(event -> event.kind() == JobKind.TRAINING)
              .toList();
      assertEquals(TuningPipeline.MAX_CONCURRENT_TRIALS, peakOpen(trainings));
      assertEquals(TuningPipeline.MAX_CONCURRENT_TRIALS, server.peakOpenJobs(JobKind.TRAINING));
      assertEquals(
          GRID.size(),
          trainings.stream().filter(event -> event.type() == ServerEvent.Type.CREATED).count(),
          "one job per trial");
      assertEquals(
          GRID,
          results.train().stream().map(TrialScore::params).toList(),
          "the scores come in grid order, whatever order the trials ended in");
    }
  }

  /**
   * With the shared limit "automl" at 2 permits, below maxConcurrency, the limit is what bounds the
   * trials: with trainings held open on the server, two are open, and the third trial that
   * maxConcurrency lets start waits for a permit, holding no thread, so the server has exactly two
   * open while it waits. The log's peak over the whole run is then exactly the limit.
   */
  @RepeatedTest(2)
  void aSharedLimitBelowMaxConcurrencyBoundsTheTrials() throws Exception {
    int permits = 2;
    try (SampleServices services = SampleServices.start(fastServer(), fastClient(), 4, permits)) {
      AutoMlServer server = services.server();
      SharedLimit limit = services.trainingLimit();
      server.holdJobs(JobKind.TRAINING);
      TuningPipelineRunner.Execution run =
          new TuningPipelineRunner(pipeline(services, input), services.runOptions()).start();
      // Or more open: a broken limit then fails the assertion below rather than a wait.
      awaitUntil(
          "two trainings are open and a third trial waits for a permit",
          () ->
              server.openJobs(JobKind.TRAINING) > permits
                  || server.openJobs(JobKind.TRAINING) == permits && limit.waiting() == 1);
      assertEquals(permits, server.openJobs(JobKind.TRAINING), "none of the held ones can end");
      assertEquals(permits, limit.inUse());
      server.releaseJobs(JobKind.TRAINING);
      TuningPipelineRunner.Results results = run.await();

      List<ServerEvent> trainings =
          server.events().snapshot().stream()
              .filter(event -> event.kind() == JobKind.TRAINING)
              .toList();
      assertEquals(permits, peakOpen(trainings));
      assertEquals(permits, server.peakOpenJobs(JobKind.TRAINING));
      assertEquals(GRID.size(), results.train().size());
      assertEquals(0, limit.inUse(), "every permit given back");
      assertEquals(0, limit.waiting());
    }
  }

  /**
   * On the shipped data (linear plus noise) the best trial is plain least squares, and its
   * predictions are those of a least-squares line fitted here independently.
   */
  @Test
  void theBestTrialHasTheLowestErrorAndPredictsLikeAnIndependentFit() throws Exception {
    HousingData data = HousingData.load();
    TuningPipelineRunner.Results results;
    try (SampleServices services = SampleServices.start(fastServer(), fastClient(), 4)) {
      results =
          new TuningPipelineRunner(pipeline(services, data.input()), services.runOptions()).run();
    }
    List<TrialScore> trials = results.train();
    TrialScore best = results.best();
    assertEquals(trials.stream().mapToDouble(TrialScore::rmse).min().orElseThrow(), best.rmse());
    assertEquals(HyperParams.linear(0), best.params());
    assertTrue(
        rmse(trials, HyperParams.linear(0)) < rmse(trials, HyperParams.linear(1e4))
            && rmse(trials, HyperParams.linear(1e4)) < rmse(trials, HyperParams.linear(1e6)),
        "a penalty only pulls a true line away from the data: " + trials);
    assertTrue(rmse(trials, HyperParams.meanBaseline()) > 4 * best.rmse(), trials.toString());

    double[][] trainRows = LeastSquares.rows(data.input().trainCsv());
    int features = trainRows[0].length - 1;
    double[] line =
        LeastSquares.fit(
            Arrays.stream(trainRows)
                .map(row -> Arrays.copyOf(row, features))
                .toArray(double[][]::new),
            Arrays.stream(trainRows).mapToDouble(row -> row[features]).toArray());
    double[][] forecast = LeastSquares.rows(data.input().forecastCsv());
    double[] predicted = results.downloadPredictions().values();
    assertEquals(forecast.length, predicted.length);
    for (int i = 0; i < forecast.length; i++) {
      double expected = LeastSquares.predict(line, forecast[i]);
      assertEquals(expected, predicted[i], Math.abs(expected) * 1e-7, "prediction of row " + i);
    }
    assertEquals(forecast.length, results.summarize().count());
  }

  @RepeatedTest(3)
  void aTrialThatFailsEveryAttemptIsReportedByItsPositionWithTheServersError() throws Exception {
    try (SampleServices services = SampleServices.start(failingTrial(), fastClient(), 4)) {
      TuningPipelineRunner runner =
          new TuningPipelineRunner(pipeline(services, input), services.runOptions());
      PipelineException failure = assertThrows(PipelineException.class, runner::run);
      assertEquals("train[2]", failure.failedTask());
      assertEquals(List.of("train[2]"), List.copyOf(failure.failures().keySet()));
      JobFailedException cause = assertInstanceOf(JobFailedException.class, failure.getCause());
      assertEquals(
          "the training of linear_regression(lambda=10000) crashed (injected fault, 2 of 2)",
          cause.serverMessage());
      JobFailedException first =
          assertInstanceOf(JobFailedException.class, cause.getSuppressed()[0]);
      assertTrue(first.serverMessage().endsWith("(injected fault, 1 of 2)"), first.getMessage());
      awaitUntil(
          "no training is left open", () -> services.server().openJobs(JobKind.TRAINING) == 0);
      assertEquals(
          List.of(JobState.FAILED, JobState.FAILED),
          services.server().jobs().stream()
              .filter(job -> job.label().endsWith(" linear_regression(lambda=10000)"))
              .map(AutoMlServer.JobSummary::state)
              .toList(),
          "the trial was retried once on the service");
    }
  }

  /**
   * The first run keeps going past the failed trial, so every other trial trains once and the count
   * is exact. The resumed run starts neither upload nor the grid again; it runs train and what
   * depends on it, and train keeps the scores of the trials that succeeded: only train[2] trains
   * again.
   */
  @RepeatedTest(3)
  void resumingRunsAgainOnlyTheFailedTaskAndWhatDependsOnIt() throws Exception {
    try (SampleServices services = SampleServices.start(failingTrial(), fastClient(), 4)) {
      AutoMlServer server = services.server();
      StartedTasks started = new StartedTasks();
      RunOptions options =
          services.runOptions().onFailure(FailurePolicy.KEEP_GOING).listener(started);
      TuningPipelineRunner runner = new TuningPipelineRunner(pipeline(services, input), options);
      PipelineException failure = assertThrows(PipelineException.class, runner::run);
      assertEquals(Set.of("train[2]"), failure.failures().keySet());
      assertEquals(
          GRID.size() + 1,
          jobs(server, JobKind.TRAINING),
          "every trial once, and train[2]'s retry");
      // What the failed run trained is still there, trial by trial, where train() throws.
      List<Outcome<TrialScore>> trials =
          TuningPipelineRunner.partialResults(failure).trainOutcomes();
      assertEquals(GRID.size(), trials.size());
      for (int trial = 0; trial < GRID.size(); trial++) {
        assertEquals(trial != 2, trials.get(trial).isSuccess(), "trial " + trial);
      }
      assertEquals(GRID.get(0), trials.get(0).value().params());
      assertInstanceOf(JobFailedException.class, trials.get(2).failure());

      started.tasks.clear();
      TuningPipelineRunner.Results results = runner.resume(failure);
      assertEquals(
          List.of("train", "best", "predict", "downloadPredictions", "summarize"),
          started.inGraphOrder());
      assertEquals(GRID.size() + 2, jobs(server, JobKind.TRAINING), "only train[2] again");
      assertEquals(2, jobs(server, JobKind.UPLOAD), "each data set uploaded once");
      assertEquals(1, jobs(server, JobKind.PREDICTION));
      assertEquals(HyperParams.linear(0), results.best().params());
      assertEquals(GRID.size(), results.train().size());
      assertEquals(
          TuningPipelineRunner.partialResults(failure).uploadTrain(),
          results.uploadTrain(),
          "the resumed run reuses the first run's training set");
    }
  }

  @RepeatedTest(3)
  void runningOnlyBestTunesButNeitherUploadsTheForecastSetNorPredicts() throws Exception {
    try (SampleServices services = SampleServices.start(fastServer(), fastClient(), 4)) {
      AutoMlServer server = services.server();
      TuningPipelineRunner.Results results =
          new TuningPipelineRunner(pipeline(services, input), services.runOptions())
              .runOnly(TuningPipelineRunner.Target.best);
      ModelScore best = results.best().model();
      assertEquals(GRID.size(), results.train().size());
      assertTrue(results.train().stream().allMatch(trial -> trial.rmse() >= best.rmse()));
      assertEquals(GRID.size(), jobs(server, JobKind.TRAINING));
      assertEquals(0, jobs(server, JobKind.PREDICTION), "no prediction job on the service");
      assertEquals(
          List.of("train"),
          server.jobs().stream()
              .filter(job -> job.kind() == JobKind.UPLOAD)
              .map(AutoMlServer.JobSummary::label)
              .toList());
      assertThrows(IllegalStateException.class, results::predict);
    }
  }

  /** Whole tasks (not elements) as they start, to see what a run ran. */
  private static final class StartedTasks implements TaskListener {
    private final List<String> tasks = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void taskStarted(TaskEvent event) {
      if (!event.isElement()) {
        tasks.add(event.task());
      }
    }

    List<String> inGraphOrder() {
      return TuningPipelineRunner.GRAPH.taskNames().stream().filter(tasks::contains).toList();
    }
  }

  private static TuningPipeline pipeline(SampleServices services, PipelineInput input) {
    return new TuningPipeline(services.client(), input, GRID);
  }

  /** A fast service on which train[2]'s configuration fails twice: its attempt and its retry. */
  private static ServerConfig failingTrial() {
    return fastServer()
        .faults(
            Faults.none()
                .failTrainingsOf(
                    FAILING.algorithm(), FAILING.params(), TuningPipeline.TRIAL_RETRIES + 1));
  }

  private static double rmse(List<TrialScore> trials, HyperParams params) {
    return trials.stream()
        .filter(trial -> trial.params().equals(params))
        .findFirst()
        .orElseThrow()
        .rmse();
  }

  private static int jobs(AutoMlServer server, JobKind kind) {
    return (int) server.jobs().stream().filter(job -> job.kind() == kind).count();
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
}
