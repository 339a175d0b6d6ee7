package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;

class OutcomeOfPrimitiveResult {
  @Task int count() { return 3; }

  @Task String use(
      @DependsOn("count") Outcome<String> counted) {
    return "x";
  }
}
