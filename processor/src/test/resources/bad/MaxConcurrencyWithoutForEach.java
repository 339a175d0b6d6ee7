package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;

class MaxConcurrencyWithoutForEach {
  @Task List<String> grid() { return List.of("a"); }

  @Task(
      maxConcurrency = 4)
  String train(@DependsOn("grid") List<String> params) {
    return "x";
  }
}
