package dev.taskwire.opentelemetry;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A retried task whose second attempt succeeds, a task that then fails, one that is skipped for it,
 * and a fan-out of three elements.
 */
class FlakyPipeline {
  private final AtomicInteger flakyAttempts = new AtomicInteger();

  @Task(retries = 1, backoff = "1ms", maxBackoff = "1ms")
  String flaky() {
    if (flakyAttempts.incrementAndGet() == 1) {
      throw new IllegalStateException("the first attempt fails");
    }
    return "ok";
  }

  @Task
  String broken(@DependsOn("flaky") String flaky) {
    throw new IllegalArgumentException("no model for " + flaky);
  }

  @Task
  String never(@DependsOn("broken") String broken) {
    return "never runs";
  }

  @Task
  List<Integer> grid() {
    return List.of(1, 2, 3);
  }

  @Task
  Integer score(@dev.taskwire.ForEach("grid") Integer parameter) {
    return parameter * 10;
  }
}
