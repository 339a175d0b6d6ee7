package dev.taskwire.samples.automl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.samples.LeastSquares;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ridge regression against an independent fit, and the configurations a client may ask for. */
class RidgeAndConfigurationsTest {
  private final double[][] x = new double[80][];
  private final double[] y = new double[80];

  RidgeAndConfigurationsTest() {
    Random random = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] =
          new double[] {random.nextDouble() * 50, random.nextDouble() * 5, random.nextGaussian()};
      y[i] = 12 + 4 * x[i][0] - 9 * x[i][1] + 2 * x[i][2] + random.nextGaussian() * 10;
    }
  }

  @Test
  void lambdaZeroIsOrdinaryLeastSquares() {
    LinearRegression.Fitted fitted = new LinearRegression(0).fit(x, y);
    assertLine(LeastSquares.fit(x, y), fitted);
  }

  /**
   * Ridge with an unpenalized intercept is least squares on the rows plus, per feature, two rows at
   * the features' means plus and minus sqrt(lambda / 2) in that feature, with the mean target:
   * together they add lambda * b_j² to the squared error and move no mean. Fitted here by
   * Gram-Schmidt, not by the normal equations the model solves.
   */
  @Test
  void ridgeIsLeastSquaresOnRowsThatPenalizeEachCoefficient() {
    double lambda = 2_000;
    int width = x[0].length;
    double[] means = new double[width];
    for (double[] row : x) {
      for (int j = 0; j < width; j++) {
        means[j] += row[j] / x.length;
      }
    }
    double meanY = Arrays.stream(y).average().orElseThrow();
    double[][] augmentedX = Arrays.copyOf(x, x.length + 2 * width);
    double[] augmentedY = Arrays.copyOf(y, y.length + 2 * width);
    for (int j = 0; j < width; j++) {
      for (int sign = 0; sign < 2; sign++) {
        double[] row = means.clone();
        row[j] += (sign == 0 ? 1 : -1) * Math.sqrt(lambda / 2);
        augmentedX[x.length + 2 * j + sign] = row;
        augmentedY[x.length + 2 * j + sign] = meanY;
      }
    }
    LinearRegression.Fitted ridge = new LinearRegression(lambda).fit(x, y);
    assertLine(LeastSquares.fit(augmentedX, augmentedY), ridge);
    LinearRegression.Fitted plain = new LinearRegression().fit(x, y);
    assertTrue(
        Math.abs(ridge.coefficients()[1]) < Math.abs(plain.coefficients()[1]) - 0.5,
        "the penalty shrinks the coefficient of the feature with little spread");
  }

  @Test
  void aHugePenaltyLeavesOnlyTheMean() {
    LinearRegression.Fitted flat = new LinearRegression(1e15).fit(x, y);
    for (double coefficient : flat.coefficients()) {
      assertEquals(0, coefficient, 1e-6);
    }
    assertEquals(Arrays.stream(y).average().orElseThrow(), flat.intercept(), 1e-4);
  }

  @Test
  void configurationsBuildTheNamedAlgorithm() {
    Algorithm knn = Configurations.configure("k_nearest_neighbors", Map.of("k", 5.0));
    assertInstanceOf(KNearestNeighbors.class, knn);
    assertEquals("k_nearest_neighbors(k=5)", knn.describe());
    Algorithm ridge = Configurations.configure("linear_regression", Map.of("lambda", 0.5));
    assertEquals(Map.of("lambda", 0.5), ridge.hyperParameters());
    assertEquals("linear_regression(lambda=0.5)", ridge.describe());
    assertEquals(
        "linear_regression(lambda=0)",
        Configurations.configure("linear_regression", Map.of()).describe(),
        "no penalty: OLS");
    assertEquals("mean_baseline", Configurations.configure("mean_baseline", Map.of()).describe());
  }

  @Test
  void aConfigurationThatMakesNoSenseIsRefusedSayingWhy() {
    assertRefused("svm", Map.of(), "unknown algorithm 'svm' (expected k_nearest_neighbors,");
    assertRefused("k_nearest_neighbors", Map.of(), "k_nearest_neighbors needs the parameter k");
    assertRefused("k_nearest_neighbors", Map.of("k", 2.5), "needs k to be a whole number >= 1");
    assertRefused("k_nearest_neighbors", Map.of("k", 0.0), "needs k to be a whole number >= 1");
    assertRefused(
        "k_nearest_neighbors",
        Map.of("k", 3.0, "lambda", 1.0),
        "k_nearest_neighbors has no parameter lambda; it takes k");
    assertRefused("linear_regression", Map.of("lambda", -1.0), "lambda must be a finite number");
    assertRefused(
        "mean_baseline", Map.of("k", 1.0), "mean_baseline has no parameter k; it takes none");
  }

  private static void assertRefused(String name, Map<String, Double> parameters, String message) {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> Configurations.configure(name, parameters));
    assertTrue(refused.getMessage().contains(message), refused.getMessage());
  }

  private static void assertLine(double[] expected, LinearRegression.Fitted fitted) {
    assertEquals(expected[0], fitted.intercept(), 1e-8 * Math.max(1, Math.abs(expected[0])));
    for (int j = 0; j < fitted.coefficients().length; j++) {
      assertEquals(
          expected[j + 1],
          fitted.coefficients()[j],
          1e-8 * Math.max(1, Math.abs(expected[j + 1])),
          "coefficient " + j);
    }
  }
}
