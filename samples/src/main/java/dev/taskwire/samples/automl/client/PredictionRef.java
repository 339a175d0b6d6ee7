package dev.taskwire.samples.automl.client;

import java.io.Serializable;

/**
 * A finished prediction: the id of the data set that holds the input rows plus the predicted {@code
 * column}, ready to download.
 */
public record PredictionRef(String datasetId, String modelId, int rows, String column)
    implements Serializable {}
