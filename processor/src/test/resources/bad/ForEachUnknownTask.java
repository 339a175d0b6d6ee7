package test;

import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

class ForEachUnknownTask {
  @Task List<String> grid() { return List.of("a"); }

  @Task String train(
      @ForEach("gird") String params) {
    return params;
  }
}
