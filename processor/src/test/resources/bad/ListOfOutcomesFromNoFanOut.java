package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;

class ListOfOutcomesFromNoFanOut {
  @Task List<String> names() { return List.of("a"); }

  @Task String use(
      @DependsOn("names") List<Outcome<String>> names) {
    return "x";
  }
}
