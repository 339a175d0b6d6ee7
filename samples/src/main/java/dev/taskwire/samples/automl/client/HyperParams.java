package dev.taskwire.samples.automl.client;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One model configuration to train: an algorithm the service knows, by its name, and the values of
 * its hyper-parameters. The service refuses names and parameters it does not know.
 *
 * @param algorithm {@code k_nearest_neighbors}, {@code linear_regression} or {@code mean_baseline}
 * @param params e.g. {@code {"k": 5}}, {@code {"lambda": 1000}} (a ridge penalty), or none
 */
public record HyperParams(String algorithm, Map<String, Double> params) implements Serializable {
  public HyperParams {
    params = Map.copyOf(params);
  }

  /** k nearest neighbours: the mean of the {@code k} most similar training rows. */
  public static HyperParams nearestNeighbors(int k) {
    return new HyperParams("k_nearest_neighbors", Map.of("k", (double) k));
  }

  /** A straight line, its coefficients shrunk by the ridge penalty {@code lambda} (0: none). */
  public static HyperParams linear(double lambda) {
    return new HyperParams("linear_regression", Map.of("lambda", lambda));
  }

  /** The training mean, whatever the features: the score any real model has to beat. */
  public static HyperParams meanBaseline() {
    return new HyperParams("mean_baseline", Map.of());
  }

  /** The parameters for a report: {@code k=5}, {@code lambda=1,000}, or empty. */
  public String paramsInWords() {
    StringJoiner words = new StringJoiner(", ");
    new TreeMap<>(params)
        .forEach(
            (name, value) ->
                words.add(
                    name
                        + "="
                        + (value == Math.rint(value)
                            ? String.format(Locale.ROOT, "%,.0f", value)
                            : value)));
    return words.toString();
  }

  @Override
  public String toString() {
    return params.isEmpty() ? algorithm : algorithm + " " + paramsInWords();
  }
}
