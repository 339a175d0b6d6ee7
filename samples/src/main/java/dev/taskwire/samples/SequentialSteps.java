package dev.taskwire.samples;

/**
 * The same steps as the pipeline, called one after another by hand, each future joined before the
 * next call: what the code looks like without taskwire when one keeps it simple, and the baseline
 * the sample compares the pipeline's time with. It calls the very methods of {@link Pipeline} that
 * the runner calls, so both do exactly the same work.
 */
final class SequentialSteps {
  private SequentialSteps() {}

  /** Runs every step of {@code pipeline} in declaration order, timing each on {@code timer}. */
  static PredictionSummary run(Pipeline pipeline, StepTimer timer) {
    var train = timer.time("uploadTrain", () -> pipeline.uploadTrain().join());
    var forecast = timer.time("uploadForecast", () -> pipeline.uploadForecast().join());
    var experiment = timer.time("train", () -> pipeline.train(train).join());
    var model = timer.time("bestModel", () -> pipeline.bestModel(experiment));
    var prediction = timer.time("predict", () -> pipeline.predict(model, forecast).join());
    var predictions =
        timer.time("downloadPredictions", () -> pipeline.downloadPredictions(prediction).join());
    return timer.time("summarize", () -> pipeline.summarize(predictions));
  }
}
