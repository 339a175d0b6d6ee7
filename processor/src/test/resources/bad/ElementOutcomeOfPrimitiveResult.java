package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;

class ElementOutcomeOfPrimitiveResult {
  @Task List<String> names() { return List.of("a"); }

  @Task int length(@ForEach("names") String name) { return name.length(); }

  @Task String report(
      @DependsOn("length") List<Outcome<Long>> lengths) {
    return "x";
  }
}
