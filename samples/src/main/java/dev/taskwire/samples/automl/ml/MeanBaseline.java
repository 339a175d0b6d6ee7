package dev.taskwire.samples.automl.ml;

/** Always predicts the training mean: the score any real model has to beat. */
public final class MeanBaseline implements Algorithm {
  @Override
  public String name() {
    return "mean_baseline";
  }

  @Override
  public Regressor fit(double[][] features, double[] targets) {
    double sum = 0;
    for (double target : targets) {
      sum += target;
    }
    double mean = sum / targets.length;
    return row -> mean;
  }
}
