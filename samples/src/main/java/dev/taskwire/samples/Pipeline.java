package dev.taskwire.samples;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import dev.taskwire.samples.automl.client.AutoMlClient;
import dev.taskwire.samples.automl.client.DatasetRef;
import dev.taskwire.samples.automl.client.Experiment;
import dev.taskwire.samples.automl.client.ModelScore;
import dev.taskwire.samples.automl.client.PredictionRef;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;

/**
 * The AutoML workflow as seven plain methods, and no concurrent code. The generated {@code
 * PipelineRunner} runs it as a graph:
 *
 * <pre>
 * uploadTrain ──> train ──> bestModel ──┐
 * uploadForecast ───────────────────────┴──> predict ──> downloadPredictions ──> summarize
 * </pre>
 *
 * Both uploads start at once; training starts the moment the training set is stored, while the
 * forecast set may still be uploading; prediction waits for both the best model and the forecast
 * set. The remote steps return the client's futures, so while the service works no thread waits.
 *
 * <p>{@code train} names the shared limit {@code "automl"}: each training takes one of its permits
 * while it is open on the service, so that all the pipelines sharing one {@code RunOptions} (200
 * customers' with {@code --customers 200}) never have more trainings open than the service takes
 * per account, {@link dev.taskwire.samples.automl.server.ServerConfig#TRAININGS_PER_ACCOUNT}. A
 * training waiting for a permit holds no thread.
 */
public class Pipeline {
  private final AutoMlClient client;
  private final PipelineInput input;

  public Pipeline(AutoMlClient client, PipelineInput input) {
    this.client = client;
    this.input = input;
  }

  @Task
  CompletableFuture<DatasetRef> uploadTrain() {
    return client.upload(input.trainName(), input.trainCsv());
  }

  @Task
  CompletableFuture<DatasetRef> uploadForecast() {
    return client.upload(input.forecastName(), input.forecastCsv());
  }

  @Task(limit = "automl")
  CompletableFuture<Experiment> train(@DependsOn("uploadTrain") DatasetRef train) {
    return client.train(train.id(), input.target());
  }

  /** The model whose algorithm had the lowest cross-validated error. */
  @Task
  ModelScore bestModel(@DependsOn("train") Experiment experiment) {
    return experiment.models().stream()
        .min(Comparator.comparingDouble(ModelScore::rmse))
        .orElseThrow(
            () ->
                new IllegalStateException("experiment " + experiment.id() + " returned no models"));
  }

  @Task
  CompletableFuture<PredictionRef> predict(
      @DependsOn("bestModel") ModelScore model, @DependsOn("uploadForecast") DatasetRef forecast) {
    return client.predict(model.id(), forecast.id());
  }

  @Task
  CompletableFuture<Predictions> downloadPredictions(@DependsOn("predict") PredictionRef result) {
    return client
        .downloadCsv(result.datasetId())
        .thenApply(csv -> Predictions.parse(csv, result.column()));
  }

  @Task
  PredictionSummary summarize(@DependsOn("downloadPredictions") Predictions predictions) {
    return PredictionSummary.of(predictions.values());
  }
}
