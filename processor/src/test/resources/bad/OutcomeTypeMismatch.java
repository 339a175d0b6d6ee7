package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;

class OutcomeTypeMismatch {
  @Task String train() { return "model"; }

  @Task String use(
      @DependsOn("train") Outcome<Integer> trained) {
    return "x";
  }
}
