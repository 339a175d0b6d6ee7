package dev.taskwire.samples.automl.server;

import java.util.List;
import java.util.Map;

/**
 * The JSON shapes the service answers with, as records Jackson writes field by field. The client
 * has its own types and reads these by field name, as a client of a real service would.
 */
final class JsonViews {
  private JsonViews() {}

  /** {@code GET /jobs/{id}}: {@code result} is set when done, {@code error} when failed. */
  record JobView(
      String id, String kind, String status, double progress, Object result, String error) {
    static JobView of(Job.Snapshot job) {
      return new JobView(
          job.id(),
          job.kind().wireName(),
          job.state().wireName(),
          job.progress(),
          job.result(),
          job.error());
    }
  }

  record DatasetView(String id, String name, int rows, List<String> columns) {}

  /**
   * A model an experiment fitted, with the hyper-parameters it was fitted with (e.g. {@code
   * {"k":10}}) and its cross-validated root mean squared error and R².
   */
  record ModelView(
      String id, String algorithm, Map<String, Double> params, double rmse, double r2) {}

  record ExperimentView(
      String id, String datasetId, String target, int folds, List<ModelView> models) {}

  record PredictionView(String datasetId, String modelId, int rows, String column) {}

  /** The result of an upload job. */
  record UploadResult(DatasetView dataset) {}

  /** The result of a training job. */
  record TrainingResult(ExperimentView experiment) {}

  /** The result of a prediction job. */
  record PredictionResult(PredictionView prediction) {}

  record ErrorView(ErrorBody error) {
    static ErrorView of(int status, String message) {
      return new ErrorView(new ErrorBody(status, message));
    }
  }

  record ErrorBody(int status, String message) {}

  record HealthView(String status, int openJobs) {}
}
