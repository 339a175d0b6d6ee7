package dev.taskwire.hazelcast.sample;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.samples.HousingData;
import dev.taskwire.samples.automl.data.Table;
import dev.taskwire.samples.automl.ml.Algorithm;
import dev.taskwire.samples.automl.ml.KNearestNeighbors;
import dev.taskwire.samples.automl.ml.LinearRegression;
import dev.taskwire.samples.automl.ml.MeanBaseline;
import java.util.Comparator;
import java.util.List;

/**
 * An AutoML-style fan-out: load the housing data on the driver, cross-validate one model per
 * candidate at once on the cluster, rank them on the driver. The trainings are CPU-heavy and
 * independent: what {@code @Distributed} is for. Each element of {@code train} is sent to a member
 * on its own.
 */
@Distributed
public class TrainingPipeline {
  @Task
  @Distributed(false)
  static Dataset load() {
    Table train = HousingData.load().train();
    List<String> features =
        train.columns().stream().filter(column -> !column.equals(HousingData.TARGET)).toList();
    return new Dataset(train.columns(features), train.column(HousingData.TARGET));
  }

  /** The models to try, by name. */
  @Task
  @Distributed(false)
  static List<String> candidates() {
    return List.of("linear", "knn5", "knn10", "knn25", "mean");
  }

  @Task
  static Trained train(@ForEach("candidates") String model, @DependsOn Dataset load) {
    return Trained.train(model, algorithm(model), load);
  }

  /** Every candidate, best (lowest error) first. */
  @Task
  @Distributed(false)
  static List<Trained> leaderboard(@DependsOn("train") List<Trained> trained) {
    return trained.stream().sorted(Comparator.comparingDouble(Trained::rmse)).toList();
  }

  private static Algorithm algorithm(String model) {
    return switch (model) {
      case "linear" -> new LinearRegression();
      case "mean" -> new MeanBaseline();
      default -> new KNearestNeighbors(Integer.parseInt(model.substring("knn".length())));
    };
  }
}
