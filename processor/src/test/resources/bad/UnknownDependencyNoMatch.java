package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class UnknownDependencyNoMatch {
  @Task String load() { return "rows"; }

  @Task String train(@DependsOn("load") String rows) { return rows; }

  @Task String predict(
      @DependsOn("weatherForecast") String model) {
    return model;
  }
}
