package test;

import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;

class ForEachOverElementOutcomes {
  @Task List<String> grid() { return List.of("a"); }

  @Task String train(@ForEach("grid") String config) { return config; }

  @Task String each(
      @ForEach("train") List<Outcome<String>> scores) {
    return "x";
  }
}
