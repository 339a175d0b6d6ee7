package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A method of the same class without @Task is not a task. */
class DependsOnNonTaskMethod {
  String helper() { return "rows"; }

  @Task String load() { return "rows"; }

  @Task int count(
      @DependsOn("helper") String rows) { return rows.length(); }
}
