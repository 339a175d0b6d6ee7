package test;

import dev.taskwire.Task;

class PaddedLimitName {
  @Task(
      limit = "automl ")
  String train() {
    return "model";
  }
}
