package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The shape of the AutoML example in miniature: two independent uploads, training once both are
 * done, and prediction from the model and the forecast set. Its runner is {@code PipelineRunner}.
 */
public class Pipeline {
  @Task
  CompletableFuture<List<Double>> uploadTrain() {
    return CompletableFuture.supplyAsync(() -> List.of(1.0, 2.0, 3.0));
  }

  @Task
  CompletableFuture<List<Double>> uploadForecast() {
    return CompletableFuture.supplyAsync(() -> List.of(10.0, 20.0));
  }

  @Task
  double train(
      @DependsOn("uploadTrain") List<Double> train,
      @DependsOn("uploadForecast") List<Double> forecast) {
    return train.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Task
  List<Double> predict(@DependsOn("train") double mean, @DependsOn List<Double> uploadForecast) {
    return uploadForecast.stream().map(value -> value + mean).toList();
  }
}
