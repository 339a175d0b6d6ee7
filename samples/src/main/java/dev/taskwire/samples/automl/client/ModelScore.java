package dev.taskwire.samples.automl.client;

import java.io.Serializable;

/**
 * A model the service fitted, and how its algorithm scored in cross-validation: root mean squared
 * error in the target's unit (lower is better) and R² (1 is perfect).
 */
public record ModelScore(String id, String algorithm, double rmse, double r2)
    implements Serializable {
  /** R² for a report to three decimals: a baseline's tiny negative value shows as 0.000. */
  public double reportedR2() {
    return Math.abs(r2) < 0.0005 ? 0 : r2;
  }
}
