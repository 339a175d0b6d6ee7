package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class DependsOnWithoutTask {
  @Task String load() { return "rows"; }

  String helper(
      @DependsOn("load") String rows) {
    return rows;
  }
}
