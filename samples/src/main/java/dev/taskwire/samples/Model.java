package dev.taskwire.samples;

/** A fitted straight line y = slope * x + intercept. */
public record Model(String id, double slope, double intercept) {
  double predict(double x) {
    return slope * x + intercept;
  }
}
