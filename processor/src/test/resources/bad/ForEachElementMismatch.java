package test;

import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

class ForEachElementMismatch {
  @Task List<String> grid() { return List.of("a"); }

  @Task String train(
      @ForEach("grid") Integer params) {
    return "x";
  }
}
