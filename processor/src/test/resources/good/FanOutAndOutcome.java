package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A fan-out over a list, an async task, and an Outcome of a wider type than the result. */
class FanOutAndOutcome {
  @Task List<String> names() {
    return List.of("a", "bb");
  }

  @Task CompletableFuture<Integer> limit() {
    return CompletableFuture.completedFuture(3);
  }

  @Task int length(@ForEach("names") CharSequence name) {
    return name.length();
  }

  @Task String report(
      @DependsOn("length") List<Integer> lengths,
      @DependsOn("limit") Outcome<? extends Number> limit) {
    return lengths + " " + limit;
  }
}
