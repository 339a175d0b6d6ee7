package test;

import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;

class ForEachOutcome {
  @Task List<String> grid() { return List.of("a"); }

  @Task String train(
      @ForEach("grid") Outcome<String> params) {
    return "x";
  }
}
