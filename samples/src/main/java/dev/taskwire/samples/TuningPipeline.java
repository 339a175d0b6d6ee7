package dev.taskwire.samples;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.samples.automl.client.AutoMlClient;
import dev.taskwire.samples.automl.client.DatasetRef;
import dev.taskwire.samples.automl.client.HyperParams;
import dev.taskwire.samples.automl.client.PredictionRef;
import dev.taskwire.samples.automl.client.TrialScore;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hyper-parameter tuning as eight plain methods, and no concurrent code: one model is trained per
 * configuration of the grid, the one with the lowest cross-validated error is kept, and it predicts
 * the forecast set. The generated {@code TuningPipelineRunner} runs it as a graph:
 *
 * <pre>
 * uploadTrain ──┐
 * grid ─────────┴──> train[0..n] ──> best ──┐
 * uploadForecast ───────────────────────────┴──> predict ──> downloadPredictions ──> summarize
 * </pre>
 *
 * {@code train} runs once per configuration ({@link ForEach}), at most three trainings at once so
 * as not to take all of the account's trainings for one run, each retried once on its own if it
 * fails. Each training also takes a permit of the shared limit {@code "automl"}, as {@link
 * Pipeline#train} does, which bounds the trainings of every run sharing the options ({@code --limit
 * N} sets its permits; by default the service's four per account). The uploads, prediction,
 * download and summary are {@link Pipeline}'s steps, called here rather than written twice.
 */
public class TuningPipeline {
  /** How many trainings the pipeline asks the service for at once. */
  static final int MAX_CONCURRENT_TRIALS = 3;

  /** How many times a failed trial is tried again, on its own, before the run fails. */
  static final int TRIAL_RETRIES = 1;

  private final AutoMlClient client;
  private final PipelineInput input;
  private final List<HyperParams> grid;
  private final Pipeline steps;

  public TuningPipeline(AutoMlClient client, PipelineInput input, List<HyperParams> grid) {
    this.client = client;
    this.input = input;
    this.grid = List.copyOf(grid);
    this.steps = new Pipeline(client, input);
  }

  /**
   * Eight configurations: the mean baseline; least squares with ridge penalties from none to
   * strong; k nearest neighbours from one neighbour (noisy) to many (blurred).
   */
  public static List<HyperParams> standardGrid() {
    return List.of(
        HyperParams.meanBaseline(),
        HyperParams.linear(0),
        HyperParams.linear(1e4),
        HyperParams.linear(1e6),
        HyperParams.nearestNeighbors(1),
        HyperParams.nearestNeighbors(5),
        HyperParams.nearestNeighbors(20),
        HyperParams.nearestNeighbors(100));
  }

  @Task
  CompletableFuture<DatasetRef> uploadTrain() {
    return steps.uploadTrain();
  }

  @Task
  CompletableFuture<DatasetRef> uploadForecast() {
    return steps.uploadForecast();
  }

  /** The configurations to try, one trial each. */
  @Task
  List<HyperParams> grid() {
    return grid;
  }

  @Task(maxConcurrency = MAX_CONCURRENT_TRIALS, retries = TRIAL_RETRIES, limit = "automl")
  CompletableFuture<TrialScore> train(
      @ForEach("grid") HyperParams params, @DependsOn("uploadTrain") DatasetRef data) {
    return client.trainOne(data.id(), input.target(), params);
  }

  /** The trial with the lowest cross-validated error; the first of equals, in grid order. */
  @Task
  TrialScore best(@DependsOn("train") List<TrialScore> scores) {
    return scores.stream()
        .min(Comparator.comparingDouble(TrialScore::rmse))
        .orElseThrow(() -> new IllegalStateException("the grid has no configurations"));
  }

  @Task
  CompletableFuture<PredictionRef> predict(
      @DependsOn("best") TrialScore best, @DependsOn("uploadForecast") DatasetRef forecast) {
    return steps.predict(best.model(), forecast);
  }

  @Task
  CompletableFuture<Predictions> downloadPredictions(@DependsOn("predict") PredictionRef result) {
    return steps.downloadPredictions(result);
  }

  @Task
  PredictionSummary summarize(@DependsOn("downloadPredictions") Predictions predictions) {
    return steps.summarize(predictions);
  }
}
