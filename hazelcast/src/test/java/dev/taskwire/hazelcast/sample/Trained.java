package dev.taskwire.hazelcast.sample;

import dev.taskwire.hazelcast.MemberContext;
import dev.taskwire.samples.automl.ml.Algorithm;
import dev.taskwire.samples.automl.ml.CrossValidation;
import dev.taskwire.samples.automl.ml.Score;
import java.io.Serializable;

/** One algorithm's cross-validated score, where it was computed and how long it took. */
public record Trained(String model, double rmse, double r2, String member, long millis)
    implements Serializable {

  /** Scores {@code algorithm} on {@code data} with 5-fold cross-validation, here. */
  static Trained train(String model, Algorithm algorithm, Dataset data) {
    long start = System.nanoTime();
    Score score = new CrossValidation(5, 42).score(algorithm, data.features(), data.targets());
    String member = MemberContext.member().map(m -> m.getAddress().toString()).orElse("driver");
    return new Trained(
        model, score.rmse(), score.r2(), member, (System.nanoTime() - start) / 1_000_000);
  }
}
