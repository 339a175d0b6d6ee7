package dev.taskwire.samples.automl.ml;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** A way to fit a {@link Regressor} to rows of features and their known targets. */
public interface Algorithm {
  /** A short, stable name for reports and the service's JSON, e.g. {@code linear_regression}. */
  String name();

  /** The settings this instance fits with, e.g. {@code k} of k nearest neighbours; or none. */
  default Map<String, Double> hyperParameters() {
    return Map.of();
  }

  /**
   * Fits a model to the examples: learns to predict each row's target from its features.
   *
   * @param features one row per example, the same width for every row
   * @param targets the known value of each row
   */
  Regressor fit(double[][] features, double[] targets);

  /**
   * The name with the hyper-parameters, for logs and messages: {@code k_nearest_neighbors(k=5)},
   * {@code mean_baseline}.
   */
  default String describe() {
    if (hyperParameters().isEmpty()) {
      return name();
    }
    StringJoiner parameters = new StringJoiner(", ", name() + "(", ")");
    new TreeMap<>(hyperParameters())
        .forEach(
            (key, value) ->
                parameters.add(
                    key
                        + "="
                        + (value == Math.rint(value)
                            ? Long.toString(value.longValue())
                            : value.toString())));
    return parameters.toString();
  }

  /** The algorithms the service tries in each experiment, simplest last. */
  static List<Algorithm> candidates() {
    return List.of(new LinearRegression(), new KNearestNeighbors(10), new MeanBaseline());
  }
}
