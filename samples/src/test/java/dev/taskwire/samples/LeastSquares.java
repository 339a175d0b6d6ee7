package dev.taskwire.samples;

import java.util.Arrays;

/**
 * An independent least-squares fit for tests to check the service's models against: modified
 * Gram-Schmidt on centred columns, not the service's normal equations, on numbers parsed here, not
 * by the sample's {@code Csv}.
 */
public final class LeastSquares {
  private LeastSquares() {}

  /** The numbers of a CSV text, without its header; parsed here, not with the sample's Csv. */
  public static double[][] rows(String csv) {
    return csv.lines()
        .skip(1)
        .filter(line -> !line.isBlank())
        .map(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }

  /**
   * Least squares by modified Gram-Schmidt on centred columns: orthonormalize the features, take
   * the coordinates of y, then back-substitute; the intercept follows from the means.
   */
  public static double[] fit(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length;
    double[] means = new double[p];
    double meanY = Arrays.stream(y).average().orElseThrow();
    double[][] q = new double[p][n];
    for (int j = 0; j < p; j++) {
      for (double[] row : x) {
        means[j] += row[j] / n;
      }
      for (int i = 0; i < n; i++) {
        q[j][i] = x[i][j] - means[j];
      }
    }
    double[][] r = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < j; k++) {
        r[k][j] = dot(q[k], q[j]);
        for (int i = 0; i < n; i++) {
          q[j][i] -= r[k][j] * q[k][i];
        }
      }
      r[j][j] = Math.sqrt(dot(q[j], q[j]));
      for (int i = 0; i < n; i++) {
        q[j][i] /= r[j][j];
      }
    }
    double[] centredY = Arrays.stream(y).map(v -> v - meanY).toArray();
    double[] qty = new double[p];
    for (int j = 0; j < p; j++) {
      qty[j] = dot(q[j], centredY);
    }
    double[] beta = new double[p];
    for (int j = p - 1; j >= 0; j--) {
      double sum = qty[j];
      for (int k = j + 1; k < p; k++) {
        sum -= r[j][k] * beta[k];
      }
      beta[j] = sum / r[j][j];
    }
    double[] line = new double[p + 1];
    line[0] = meanY;
    for (int j = 0; j < p; j++) {
      line[0] -= beta[j] * means[j];
      line[j + 1] = beta[j];
    }
    return line;
  }

  /** The value of {@code line} (intercept, then one coefficient per feature) at {@code row}. */
  public static double predict(double[] line, double[] row) {
    double value = line[0];
    for (int j = 0; j < line.length - 1; j++) {
      value += line[j + 1] * row[j];
    }
    return value;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
