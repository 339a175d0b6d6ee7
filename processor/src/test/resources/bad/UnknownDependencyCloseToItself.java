package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class UnknownDependencyCloseToItself {
  @Task String load() { return "rows"; }

  @Task String train(
      @DependsOn("trains") String rows) {
    return rows;
  }
}
