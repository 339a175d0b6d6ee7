package test;

import dev.taskwire.Task;

class MissingDependsOn {
  @Task String load() { return "rows"; }

  @Task String clean() { return "clean"; }

  @Task String train(
      String rows) {
    return rows;
  }
}
