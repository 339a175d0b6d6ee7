package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Legal identifiers that look odd: leading underscore, dollar signs. */
class UnderscoreAndDollarNames {
  @Task String _task() { return "u"; }

  @Task String $task() { return "d"; }

  @Task String task$(@DependsOn("_task") String u, @DependsOn("$task") String d) { return u + d; }

  @Task String __(@DependsOn("task$") String both) { return both + "!"; }
}
