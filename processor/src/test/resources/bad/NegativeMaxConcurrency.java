package test;

import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

class NegativeMaxConcurrency {
  @Task List<String> grid() { return List.of("a"); }

  @Task(
      maxConcurrency = -1)
  String train(@ForEach("grid") String params) {
    return params;
  }
}
