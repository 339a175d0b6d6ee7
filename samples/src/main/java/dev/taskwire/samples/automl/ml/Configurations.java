package dev.taskwire.samples.automl.ml;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds one {@link Algorithm} from its name and hyper-parameters, as a client asks for it: {@code
 * k_nearest_neighbors} needs a whole {@code k >= 1}, {@code linear_regression} takes an optional
 * ridge penalty {@code lambda >= 0} (0, ordinary least squares, if left out), and {@code
 * mean_baseline} takes none. Anything else is refused with a message saying what is allowed, so a
 * typo never silently trains a default model.
 */
public final class Configurations {
  private Configurations() {}

  /**
   * The algorithm called {@code name}, set up with {@code parameters}.
   *
   * @throws IllegalArgumentException naming the algorithm and what is wrong with its settings
   */
  public static Algorithm configure(String name, Map<String, Double> parameters) {
    switch (name) {
      case "k_nearest_neighbors" -> {
        allowOnly(name, parameters, "k");
        Double k = parameters.get("k");
        if (k == null) {
          throw new IllegalArgumentException(name + " needs the parameter k, e.g. {\"k\": 10}");
        }
        if (k != Math.rint(k) || k < 1 || k > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(name + " needs k to be a whole number >= 1: " + k);
        }
        return new KNearestNeighbors(k.intValue());
      }
      case "linear_regression" -> {
        allowOnly(name, parameters, "lambda");
        return new LinearRegression(parameters.getOrDefault("lambda", 0.0));
      }
      case "mean_baseline" -> {
        allowOnly(name, parameters);
        return new MeanBaseline();
      }
      default ->
          throw new IllegalArgumentException(
              "unknown algorithm '"
                  + name
                  + "' (expected k_nearest_neighbors, linear_regression or mean_baseline)");
    }
  }

  private static void allowOnly(String name, Map<String, Double> parameters, String... allowed) {
    Set<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(Set.of(allowed));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          name
              + " has no parameter "
              + String.join(", ", unknown)
              + (allowed.length == 0
                  ? "; it takes none"
                  : "; it takes " + String.join(", ", allowed)));
    }
  }
}
