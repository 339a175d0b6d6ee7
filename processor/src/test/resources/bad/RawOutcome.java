package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;

class RawOutcome {
  @Task String train() { return "model"; }

  @SuppressWarnings("rawtypes")
  @Task String use(
      @DependsOn("train") Outcome trained) {
    return "x";
  }
}
