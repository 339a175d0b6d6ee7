package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class CycleOfTwo {
  @Task String first(
      @DependsOn("second") String second) {
    return second;
  }

  @Task String second(
      @DependsOn("first") String first) {
    return first;
  }
}
