package dev.taskwire.micrometer;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

/** A fan-out of three elements between a source and a task that takes all of their results. */
class Grid {
  @Task
  List<Integer> seeds() {
    return List.of(1, 2, 3);
  }

  @Task
  String train(@ForEach("seeds") Integer seed) {
    return "model " + seed;
  }

  @Task
  String best(@DependsOn("train") List<String> models) {
    return models.get(0);
  }
}
