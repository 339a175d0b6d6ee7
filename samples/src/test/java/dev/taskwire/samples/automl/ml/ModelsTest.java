package dev.taskwire.samples.automl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelsTest {
  @Test
  void linearRegressionRecoversExactCoefficients() {
    double[][] x = new double[50][];
    double[] y = new double[50];
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {random.nextDouble() * 100, random.nextInt(5)};
      y[i] = 7 + 3 * x[i][0] - 2 * x[i][1];
    }
    LinearRegression.Fitted fitted = new LinearRegression().fit(x, y);
    assertEquals(7, fitted.intercept(), 1e-8);
    assertEquals(3, fitted.coefficients()[0], 1e-10);
    assertEquals(-2, fitted.coefficients()[1], 1e-8);
    assertEquals(7 + 30 - 4, fitted.predict(new double[] {10, 2}), 1e-8);
  }

  @Test
  void linearRegressionRefusesDependentFeatures() {
    double[][] x = {{1, 2}, {2, 4}, {3, 6}};
    assertThrows(
        IllegalArgumentException.class,
        () -> new LinearRegression().fit(x, new double[] {1, 2, 3}));
  }

  @Test
  void nearestNeighborWithKOneReproducesTrainingRows() {
    double[][] x = {{0, 0}, {10, 0}, {0, 10}};
    Regressor model = new KNearestNeighbors(1).fit(x, new double[] {1, 2, 3});
    assertEquals(2, model.predict(new double[] {9, 1}));
    assertEquals(3, model.predict(new double[] {1, 9}));
  }

  @Test
  void crossValidationRanksTheTrueModelFirst() {
    Random random = new Random(2);
    double[][] x = new double[300][];
    double[] y = new double[300];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {random.nextDouble() * 10, random.nextDouble() * 10};
      y[i] = 5 * x[i][0] + x[i][1] + random.nextGaussian();
    }
    CrossValidation validation = new CrossValidation(5, 42);
    Score linear = validation.score(new LinearRegression(), x, y);
    Score neighbors = validation.score(new KNearestNeighbors(10), x, y);
    Score baseline = validation.score(new MeanBaseline(), x, y);
    assertTrue(
        linear.rmse() < neighbors.rmse() && neighbors.rmse() < baseline.rmse(),
        linear + " " + neighbors + " " + baseline);
    assertTrue(linear.r2() > 0.95, "R² " + linear.r2());
    assertEquals(linear, validation.score(new LinearRegression(), x, y), "same folds every time");
  }
}
