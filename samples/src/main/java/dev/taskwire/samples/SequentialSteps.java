package dev.taskwire.samples;

/**
 * The same steps as the pipeline, called one after another by hand, each future joined before
 * the next call: what the code looks like without taskwire when one keeps it simple, and the
 * baseline the sample compares the pipeline's time with. It calls the very methods of
 * {@link Pipeline} that the runner calls, so both do exactly the same work.
 */
final class SequentialSteps {
  private SequentialSteps() {}

  /** Runs every step of {@code pipeline} in declaration order, timing each on {@code timeline}. */
  static PredictionSummary run(Pipeline pipeline, TaskTimeline timeline) {
    var train = timeline.time("uploadTrain", () -> pipeline.uploadTrain().join());
    var forecast = timeline.time("uploadForecast", () -> pipeline.uploadForecast().join());
    var experiment = timeline.time("train", () -> pipeline.train(train).join());
    var model = timeline.time("bestModel", () -> pipeline.bestModel(experiment));
    var prediction = timeline.time("predict", () -> pipeline.predict(model, forecast).join());
    var predictions =
        timeline.time("downloadPredictions", () -> pipeline.downloadPredictions(prediction).join());
    return timeline.time("summarize", () -> pipeline.summarize(predictions));
  }
}
