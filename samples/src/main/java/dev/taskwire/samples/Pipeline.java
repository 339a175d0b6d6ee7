package dev.taskwire.samples;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The motivating pipeline: upload the training set and the forecast set at the same time, train
 * once both are up, then predict. Four methods, no concurrent code: the generated
 * {@code PipelineRunner} runs the uploads in parallel and holds no thread while they wait.
 */
public class Pipeline {
  private final SimulatedService service;

  public Pipeline(SimulatedService service) {
    this.service = service;
  }

  @Task
  CompletableFuture<Dataset> uploadTrain() {
    return service.upload(SimulatedService.rows(2_000, true, 1));
  }

  @Task
  CompletableFuture<Dataset> uploadForecast() {
    return service.upload(SimulatedService.rows(5, false, 2));
  }

  @Task
  CompletableFuture<Model> train(
      @DependsOn("uploadTrain") Dataset train, @DependsOn("uploadForecast") Dataset forecast) {
    return service.train(train);
  }

  @Task
  List<Double> predict(@DependsOn("train") Model model, @DependsOn Dataset uploadForecast) {
    return uploadForecast.rows().stream().map(row -> model.predict(row[0])).toList();
  }
}
