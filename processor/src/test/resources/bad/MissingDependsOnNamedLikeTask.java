package test;

import dev.taskwire.Task;

class MissingDependsOnNamedLikeTask {
  @Task String load() { return "rows"; }

  @Task String train(
      String load) {
    return load;
  }
}
