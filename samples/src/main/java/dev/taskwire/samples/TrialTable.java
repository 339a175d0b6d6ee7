package dev.taskwire.samples;

import dev.taskwire.samples.automl.client.TrialScore;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Every trial of a tuning run, in grid order, with its score and a mark on the best. */
final class TrialTable {
  private TrialTable() {}

  static void print(List<TrialScore> trials, TrialScore best, PrintStream out) {
    out.println("Trials, in grid order (cross-validated; the lowest RMSE wins):");
    out.println(
        String.format(
            Locale.ROOT,
            "  %-9s %-20s %-16s %12s %7s",
            "task",
            "algorithm",
            "parameters",
            "RMSE (EUR)",
            "R²"));
    for (int trial = 0; trial < trials.size(); trial++) {
      TrialScore score = trials.get(trial);
      out.println(
          String.format(
              Locale.ROOT,
              "  %-9s %-20s %-16s %,12.0f %7.3f%s",
              "train[" + trial + "]",
              score.params().algorithm(),
              score.params().paramsInWords(),
              score.rmse(),
              score.model().reportedR2(),
              score.equals(best) ? "  <- best" : ""));
    }
  }
}
