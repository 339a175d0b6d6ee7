package dev.taskwire.samples.automl.ml;

/** A fitted model: predicts a number from a row of features, in the order it was fitted on. */
public interface Regressor {
  double predict(double[] features);

  /** Predicts every row of {@code features}. */
  default double[] predictAll(double[][] features) {
    double[] predictions = new double[features.length];
    for (int i = 0; i < features.length; i++) {
      predictions[i] = predict(features[i]);
    }
    return predictions;
  }
}
