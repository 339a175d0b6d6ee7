package dev.taskwire.samples.automl.client;

import java.util.List;

/** A finished training: every model the service fitted to predict {@code target}, with scores. */
public record Experiment(
    String id, String datasetId, String target, int folds, List<ModelScore> models) {}
