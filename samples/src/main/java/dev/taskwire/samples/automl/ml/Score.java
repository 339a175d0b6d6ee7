package dev.taskwire.samples.automl.ml;

/**
 * How well an algorithm predicted rows it was not fitted on: root mean squared error (in the
 * target's unit, lower is better) and R² (1 is perfect, 0 is no better than the mean).
 */
public record Score(double rmse, double r2) {}
