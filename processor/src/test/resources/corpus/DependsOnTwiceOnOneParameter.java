package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** @DependsOn is not repeatable: javac rejects the second one. */
class DependsOnTwiceOnOneParameter {
  @Task String load() { return "rows"; }

  @Task String clean() { return "clean"; }

  @Task int count(@DependsOn("load") @DependsOn("clean") String rows) { return rows.length(); }
}
