package dev.taskwire.samples;

/**
 * What one run of {@link Pipeline} sends to the service: the training set (with the target column),
 * the forecast set (without it), as CSV text, and the column to predict.
 */
public record PipelineInput(
    String trainName, String trainCsv, String forecastName, String forecastCsv, String target) {}
