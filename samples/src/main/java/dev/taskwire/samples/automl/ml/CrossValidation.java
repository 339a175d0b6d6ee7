package dev.taskwire.samples.automl.ml;

import java.util.Random;

/**
 * k-fold cross-validation: each row is predicted once, by a model fitted on the other folds. The
 * folds come from a seeded shuffle, so the same data always gets the same scores.
 */
public final class CrossValidation {
  private final int folds;
  private final long seed;

  public CrossValidation(int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds: " + folds);
    }
    this.folds = folds;
    this.seed = seed;
  }

  public int folds() {
    return folds;
  }

  /**
   * Scores {@code algorithm} by predicting each row with a model fitted on the other folds.
   *
   * @throws IllegalArgumentException if there are fewer rows than folds
   */
  public Score score(Algorithm algorithm, double[][] features, double[] targets) {
    int n = targets.length;
    if (n < folds) {
      throw new IllegalArgumentException(
          n + " rows are too few for " + folds + "-fold cross-validation");
    }
    int[] foldOf = assignFolds(n);
    double[] predicted = new double[n];
    for (int fold = 0; fold < folds; fold++) {
      int testCount = 0;
      for (int f : foldOf) {
        testCount += f == fold ? 1 : 0;
      }
      double[][] trainX = new double[n - testCount][];
      double[] trainY = new double[n - testCount];
      for (int i = 0, t = 0; i < n; i++) {
        if (foldOf[i] != fold) {
          trainX[t] = features[i];
          trainY[t++] = targets[i];
        }
      }
      Regressor model = algorithm.fit(trainX, trainY);
      for (int i = 0; i < n; i++) {
        if (foldOf[i] == fold) {
          predicted[i] = model.predict(features[i]);
        }
      }
    }
    return score(targets, predicted);
  }

  static Score score(double[] actual, double[] predicted) {
    double mean = 0;
    for (double value : actual) {
      mean += value / actual.length;
    }
    double squaredError = 0;
    double squaredSpread = 0;
    for (int i = 0; i < actual.length; i++) {
      squaredError += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
      squaredSpread += (actual[i] - mean) * (actual[i] - mean);
    }
    double r2 = squaredSpread > 0 ? 1 - squaredError / squaredSpread : 0;
    return new Score(Math.sqrt(squaredError / actual.length), r2);
  }

  /** Row i goes to fold (position of i in a seeded shuffle) mod folds: balanced folds. */
  private int[] assignFolds(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] foldOf = new int[n];
    for (int position = 0; position < n; position++) {
      foldOf[order[position]] = position % folds;
    }
    return foldOf;
  }
}
