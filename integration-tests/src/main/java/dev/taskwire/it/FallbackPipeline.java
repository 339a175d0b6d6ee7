package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.io.IOException;

/** "Use the cached model if training failed": a task that takes an upstream failure as a value. */
public class FallbackPipeline {
  final boolean trainingFails;

  public FallbackPipeline(boolean trainingFails) {
    this.trainingFails = trainingFails;
  }

  @Task
  String train() throws IOException {
    if (trainingFails) {
      throw new IOException("the training service is down");
    }
    return "fresh model";
  }

  @Task
  CharSequence model(@DependsOn("train") Outcome<? extends CharSequence> trained) {
    return trained.isSuccess() ? trained.value() : "cached model";
  }

  @Task
  String predict(@DependsOn("model") CharSequence model) {
    return "predictions with " + model;
  }
}
