package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** load and Load are different methods, so different tasks with different accessors. */
class NamesDifferingOnlyInCase {
  @Task String load() { return "lower"; }

  @Task String Load() { return "upper"; }

  @Task String LOAD(@DependsOn("load") String lower, @DependsOn("Load") String upper) {
    return lower + "+" + upper;
  }
}
