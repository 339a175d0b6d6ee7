package dev.taskwire.samples.automl.ml;

import java.util.Arrays;
import java.util.Map;

/**
 * Least squares with an intercept, optionally ridge-penalized: solves the normal equations (X'X +
 * lambda D) b = X'y by Gaussian elimination with partial pivoting, where D is the identity but for
 * the intercept, which is never penalized. With {@code lambda} 0 this is ordinary least squares; a
 * larger {@code lambda} shrinks the coefficients towards 0, trading bias for less variance. The
 * penalty applies to the coefficients in the features' own units, as scikit-learn's {@code Ridge}
 * does. Exact for the few well-conditioned features a sample has.
 */
public final class LinearRegression implements Algorithm {
  private final double lambda;

  /** Ordinary least squares. */
  public LinearRegression() {
    this(0);
  }

  /** Ridge regression with penalty {@code lambda} (0 for ordinary least squares). */
  public LinearRegression(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be a finite number >= 0: " + lambda);
    }
    this.lambda = lambda;
  }

  @Override
  public String name() {
    return "linear_regression";
  }

  @Override
  public Map<String, Double> hyperParameters() {
    return Map.of("lambda", lambda);
  }

  @Override
  public Fitted fit(double[][] features, double[] targets) {
    int width = features[0].length + 1; // column 0 is the intercept
    double[][] gram = new double[width][width];
    double[] moment = new double[width];
    double[] row = new double[width];
    for (int i = 0; i < features.length; i++) {
      row[0] = 1;
      System.arraycopy(features[i], 0, row, 1, width - 1);
      for (int a = 0; a < width; a++) {
        moment[a] += row[a] * targets[i];
        for (int b = 0; b < width; b++) {
          gram[a][b] += row[a] * row[b];
        }
      }
    }
    for (int a = 1; a < width; a++) {
      gram[a][a] += lambda;
    }
    double[] solution = solve(gram, moment);
    return new Fitted(solution[0], Arrays.copyOfRange(solution, 1, width));
  }

  /**
   * A fitted line (hyperplane): {@code intercept + sum(coefficients[j] * x[j])}. Its {@code equals}
   * and {@code hashCode} see the array's identity, not its values: nothing compares fitted models.
   */
  @SuppressWarnings("ArrayRecordComponent") // numeric work wants the plain double[]
  public record Fitted(double intercept, double[] coefficients) implements Regressor {
    @Override
    public double predict(double[] features) {
      double sum = intercept;
      for (int j = 0; j < coefficients.length; j++) {
        sum += coefficients[j] * features[j];
      }
      return sum;
    }
  }

  private static double[] solve(double[][] matrix, double[] vector) {
    int n = vector.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = Arrays.copyOf(matrix[i], n + 1);
      a[i][n] = vector[i];
    }
    for (int column = 0; column < n; column++) {
      int pivot = column;
      for (int r = column + 1; r < n; r++) {
        if (Math.abs(a[r][column]) > Math.abs(a[pivot][column])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][column]) < 1e-12) {
        throw new IllegalArgumentException(
            "the features are linearly dependent: a linear model has no unique fit");
      }
      double[] swap = a[column];
      a[column] = a[pivot];
      a[pivot] = swap;
      for (int r = column + 1; r < n; r++) {
        double factor = a[r][column] / a[column][column];
        for (int c = column; c <= n; c++) {
          a[r][c] -= factor * a[column][c];
        }
      }
    }
    double[] solution = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = a[r][n];
      for (int c = r + 1; c < n; c++) {
        sum -= a[r][c] * solution[c];
      }
      solution[r] = sum / a[r][r];
    }
    return solution;
  }
}
