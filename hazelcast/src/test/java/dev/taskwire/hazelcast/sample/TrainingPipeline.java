package dev.taskwire.hazelcast.sample;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import dev.taskwire.samples.HousingData;
import dev.taskwire.samples.automl.data.Table;
import dev.taskwire.samples.automl.ml.KNearestNeighbors;
import dev.taskwire.samples.automl.ml.LinearRegression;
import dev.taskwire.samples.automl.ml.MeanBaseline;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An AutoML-style fan-out: load the housing data on the driver, cross-validate five models at
 * once on the cluster, pick the best on the driver. The trainings are CPU-heavy and independent:
 * what {@code @Distributed} is for.
 */
@Distributed
public class TrainingPipeline {
  @Task @Distributed(false) static Dataset load() {
    Table train = HousingData.load().train();
    List<String> features = train.columns().stream()
        .filter(column -> !column.equals(HousingData.TARGET))
        .toList();
    return new Dataset(train.columns(features), train.column(HousingData.TARGET));
  }

  @Task static Trained linear(@DependsOn Dataset load) {
    return Trained.train("linear", new LinearRegression(), load);
  }

  @Task static Trained knn5(@DependsOn Dataset load) {
    return Trained.train("knn5", new KNearestNeighbors(5), load);
  }

  @Task static Trained knn10(@DependsOn Dataset load) {
    return Trained.train("knn10", new KNearestNeighbors(10), load);
  }

  @Task static Trained knn25(@DependsOn Dataset load) {
    return Trained.train("knn25", new KNearestNeighbors(25), load);
  }

  @Task static Trained mean(@DependsOn Dataset load) {
    return Trained.train("mean", new MeanBaseline(), load);
  }

  /** Every candidate, best (lowest error) first. */
  @Task @Distributed(false) static List<Trained> leaderboard(
      @DependsOn Trained linear, @DependsOn Trained knn5, @DependsOn Trained knn10,
      @DependsOn Trained knn25, @DependsOn Trained mean) {
    return Stream.of(linear, knn5, knn10, knn25, mean)
        .sorted(Comparator.comparingDouble(Trained::rmse))
        .toList();
  }
}
