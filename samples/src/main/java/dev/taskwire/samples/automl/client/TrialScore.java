package dev.taskwire.samples.automl.client;

import java.io.Serializable;

/**
 * One trial of a tuning run: the configuration the service trained, and the model it fitted with
 * that configuration's cross-validated score.
 */
public record TrialScore(HyperParams params, ModelScore model) implements Serializable {
  /** The cross-validated root mean squared error, in the target's unit: lower is better. */
  public double rmse() {
    return model.rmse();
  }
}
