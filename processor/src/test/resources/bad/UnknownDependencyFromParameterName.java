package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class UnknownDependencyFromParameterName {
  @Task String load() { return "rows"; }

  @Task String train(
      @DependsOn String dataset) {
    return dataset;
  }
}
