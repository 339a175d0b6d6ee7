package dev.taskwire.opentelemetry;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AutoML sample's graph: two uploads (async) at once, a training when both are up, then a
 * prediction. Each task notes the span current while its code runs.
 */
class AutoMlPipeline {
  /** Task name to the id of the span current inside it. */
  final Map<String, String> currentSpans = new ConcurrentHashMap<>();

  /** Task name to the id of the trace current inside it. */
  final Map<String, String> currentTraces = new ConcurrentHashMap<>();

  private void note(String task) {
    currentSpans.put(task, Span.current().getSpanContext().getSpanId());
    currentTraces.put(task, Span.current().getSpanContext().getTraceId());
  }

  @Task
  CompletableFuture<String> uploadTrain() {
    note("uploadTrain");
    return CompletableFuture.supplyAsync(() -> "train.csv");
  }

  @Task
  CompletableFuture<String> uploadTest() {
    note("uploadTest");
    return CompletableFuture.supplyAsync(() -> "test.csv");
  }

  @Task
  String train(@DependsOn("uploadTrain") String train, @DependsOn("uploadTest") String test) {
    note("train");
    return "model of " + train;
  }

  @Task
  String predict(@DependsOn("train") String model, @DependsOn("uploadTest") String test) {
    note("predict");
    return model + " on " + test;
  }
}
