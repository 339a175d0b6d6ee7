package dev.taskwire.samples.automl.client;

/**
 * A model the service fitted, and how its algorithm scored in cross-validation: root mean squared
 * error in the target's unit (lower is better) and R² (1 is perfect).
 */
public record ModelScore(String id, String algorithm, double rmse, double r2) {}
