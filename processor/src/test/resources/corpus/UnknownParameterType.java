package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A parameter of a type that never exists. */
class UnknownParameterType {
  @Task String load() { return "rows"; }

  @Task int count(
      @DependsOn("load") NoSuchRows rows) { return 1; }
}
