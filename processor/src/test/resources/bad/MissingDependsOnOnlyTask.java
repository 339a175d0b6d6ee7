package test;

import dev.taskwire.Task;

class MissingDependsOnOnlyTask {
  @Task String train(
      String train) {
    return train;
  }
}
