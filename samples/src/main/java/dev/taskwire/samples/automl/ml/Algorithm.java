package dev.taskwire.samples.automl.ml;

import java.util.List;

/** A way to fit a {@link Regressor} to rows of features and their known targets. */
public interface Algorithm {
  /** A short, stable name for reports and the service's JSON, e.g. {@code linear_regression}. */
  String name();

  /**
   * @param features one row per example, the same width for every row
   * @param targets the known value of each row
   */
  Regressor fit(double[][] features, double[] targets);

  /** The algorithms the service tries in each experiment, simplest last. */
  static List<Algorithm> candidates() {
    return List.of(new LinearRegression(), new KNearestNeighbors(10), new MeanBaseline());
  }
}
