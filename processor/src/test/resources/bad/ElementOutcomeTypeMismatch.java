package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;

class ElementOutcomeTypeMismatch {
  record Score(double error) {}

  @Task List<String> grid() { return List.of("a"); }

  @Task Score train(@ForEach("grid") String config) { return new Score(1); }

  @Task String compare(
      @DependsOn("train") List<Outcome<String>> scores) {
    return "x";
  }
}
