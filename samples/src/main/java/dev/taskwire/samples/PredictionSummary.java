package dev.taskwire.samples;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/** A plain-Java digest of the predictions: how many, and how they are spread. */
public record PredictionSummary(int count, double mean, double min, double median, double max)
    implements Serializable {
  public static PredictionSummary of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no predictions to summarize");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    double median =
        sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return new PredictionSummary(
        sorted.length,
        Arrays.stream(sorted).average().orElseThrow(),
        sorted[0],
        median,
        sorted[sorted.length - 1]);
  }

  /** For a report: {@code 300 predictions, mean 412,345, median ..., min ..., max ...}. */
  public String inWords() {
    return String.format(
        Locale.ROOT,
        "%d predictions, mean %,.0f, median %,.0f, min %,.0f, max %,.0f",
        count,
        mean,
        median,
        min,
        max);
  }
}
