package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;

class RawElementOutcome {
  @Task List<String> grid() { return List.of("a"); }

  @Task Double train(@ForEach("grid") String config) { return 1.0; }

  @SuppressWarnings("rawtypes")
  @Task String compare(
      @DependsOn("train") List<Outcome> scores) {
    return "x";
  }
}
