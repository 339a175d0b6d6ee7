package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sync tasks dispatched by the class's @Distributed (a fan-out among them), an async one kept
 * local, one opted out.
 */
@Distributed
class DistributedPipeline implements Serializable {
  private static final long serialVersionUID = 1L;

  @Task static int[] numbers() {
    return new int[] {1, 2, 3};
  }

  @Task long sum(@DependsOn int[] numbers) {
    long sum = 0;
    for (int number : numbers) {
      sum += number;
    }
    return sum;
  }

  @Task CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }

  @Task List<String> label(@DependsOn("sum") long total, @DependsOn String fetch) {
    return List.of(fetch + total);
  }

  @Task void log(@DependsOn List<String> label) {}

  /** An Outcome crosses the wire like any Serializable value. */
  @Task String safe(@DependsOn("fetch") Outcome<String> fetched) {
    return fetched.isSuccess() ? fetched.value() : "none";
  }

  /** A fan-out: each element is dispatched on its own. */
  @Task String each(@ForEach("numbers") int number, @DependsOn String fetch) {
    return fetch + number;
  }

  @Task @Distributed(false) String report(@DependsOn List<String> label) {
    return String.join(",", label);
  }
}
