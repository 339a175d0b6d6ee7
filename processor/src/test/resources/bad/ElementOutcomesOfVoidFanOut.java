package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;

class ElementOutcomesOfVoidFanOut {
  @Task List<String> grid() { return List.of("a"); }

  @Task void train(@ForEach("grid") String config) {}

  @Task String compare(
      @DependsOn("train") List<Outcome<Object>> trained) {
    return "x";
  }
}
