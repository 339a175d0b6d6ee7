package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

class ForEachAndDependsOn {
  @Task List<String> grid() { return List.of("a"); }

  @Task String train(
      @DependsOn("grid") @ForEach("grid") String params) {
    return params;
  }
}
