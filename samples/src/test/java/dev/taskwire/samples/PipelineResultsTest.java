package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.fastClient;
import static dev.taskwire.samples.TestSupport.fastServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.samples.automl.client.ModelScore;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real pipeline against the embedded service gives the right answers: the predictions are those
 * of a least-squares line fitted to the shipped training rows, computed here independently (centred
 * Gram-Schmidt, not the server's normal equations) from the CSV files themselves.
 */
@Timeout(60)
class PipelineResultsTest {
  private static final List<String> FEATURES =
      List.of("area_m2", "rooms", "age_years", "distance_km");

  @Test
  void predictionsAreThoseOfTheLeastSquaresFit() throws Exception {
    HousingData data = HousingData.load();
    PipelineRunner.Results results;
    try (SampleServices services = SampleServices.start(fastServer(), fastClient(), 4)) {
      results =
          new PipelineRunner(new Pipeline(services.client(), data.input()), services.runOptions())
              .run();
    }

    ModelScore best = results.bestModel();
    assertEquals("linear_regression", best.algorithm(), "the data are linear plus noise");
    assertTrue(best.r2() > 0.9, "R² " + best.r2());
    assertEquals(3, results.train().models().size());
    assertTrue(results.train().models().stream().allMatch(m -> m.rmse() >= best.rmse()));

    double[][] trainRows = LeastSquares.rows(data.input().trainCsv());
    double[][] x = new double[trainRows.length][];
    double[] y = new double[trainRows.length];
    for (int i = 0; i < trainRows.length; i++) {
      x[i] = Arrays.copyOf(trainRows[i], FEATURES.size());
      y[i] = trainRows[i][FEATURES.size()];
    }
    double[] line = LeastSquares.fit(x, y); // intercept, then one coefficient per feature
    assertEquals(2_350, line[1], 100, "area coefficient of the generator, within noise");

    double[][] forecast = LeastSquares.rows(data.input().forecastCsv());
    Predictions predictions = results.downloadPredictions();
    assertEquals(forecast.length, predictions.count());
    assertEquals(FEATURES, predictions.features());
    double[] predicted = predictions.values();
    for (int i = 0; i < forecast.length; i++) {
      double expected = line[0];
      for (int j = 0; j < FEATURES.size(); j++) {
        expected += line[j + 1] * forecast[i][j];
        assertEquals(
            forecast[i][j],
            predictions.table().value(i, FEATURES.get(j)),
            "row " + i + " keeps its features");
      }
      assertEquals(expected, predicted[i], Math.abs(expected) * 1e-7, "prediction of row " + i);
    }

    PredictionSummary summary = results.summarize();
    assertEquals(forecast.length, summary.count());
    assertEquals(Arrays.stream(predicted).average().orElseThrow(), summary.mean(), 1e-6);
    assertEquals(Arrays.stream(predicted).min().orElseThrow(), summary.min());
    assertEquals(Arrays.stream(predicted).max().orElseThrow(), summary.max());
  }
}
