package dev.taskwire.samples.automl.ml;

import java.util.Arrays;
import java.util.Map;

/**
 * Predicts the mean target of the k training rows nearest to a row, by Euclidean distance on
 * standardized features (so that square metres do not drown out the number of rooms). A flexible
 * alternative to the straight line: it wins when the truth is not linear.
 */
public final class KNearestNeighbors implements Algorithm {
  private final int k;

  public KNearestNeighbors(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    this.k = k;
  }

  @Override
  public String name() {
    return "k_nearest_neighbors";
  }

  @Override
  public Map<String, Double> hyperParameters() {
    return Map.of("k", (double) k);
  }

  @Override
  public Regressor fit(double[][] features, double[] targets) {
    int width = features[0].length;
    double[] mean = new double[width];
    double[] scale = new double[width];
    for (double[] row : features) {
      for (int j = 0; j < width; j++) {
        mean[j] += row[j] / features.length;
      }
    }
    for (double[] row : features) {
      for (int j = 0; j < width; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / features.length;
      }
    }
    for (int j = 0; j < width; j++) {
      scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
    }
    double[][] points = new double[features.length][];
    for (int i = 0; i < features.length; i++) {
      points[i] = standardize(features[i], mean, scale);
    }
    double[] known = targets.clone();
    int neighbors = Math.min(k, points.length);
    return row -> nearestMean(points, known, standardize(row, mean, scale), neighbors);
  }

  private static double[] standardize(double[] row, double[] mean, double[] scale) {
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      z[j] = (row[j] - mean[j]) / scale[j];
    }
    return z;
  }

  /** Keeps the k smallest distances in a small sorted array: no sort of all rows per query. */
  private static double nearestMean(double[][] points, double[] targets, double[] query, int k) {
    double[] bestDistance = new double[k];
    double[] bestTarget = new double[k];
    Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
    for (int i = 0; i < points.length; i++) {
      double distance = 0;
      for (int j = 0; j < query.length; j++) {
        double d = points[i][j] - query[j];
        distance += d * d;
      }
      if (distance < bestDistance[k - 1]) {
        int slot = k - 1;
        while (slot > 0 && bestDistance[slot - 1] > distance) {
          bestDistance[slot] = bestDistance[slot - 1];
          bestTarget[slot] = bestTarget[slot - 1];
          slot--;
        }
        bestDistance[slot] = distance;
        bestTarget[slot] = targets[i];
      }
    }
    double sum = 0;
    for (double target : bestTarget) {
      sum += target;
    }
    return sum / k;
  }
}
