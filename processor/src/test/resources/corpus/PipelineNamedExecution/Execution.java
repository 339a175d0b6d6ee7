package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A pipeline named like the runner's nested Execution class, returning itself. */
class Execution {
  @Task Execution self() { return this; }

  @Task String load(@DependsOn("self") Execution self) { return "rows"; }
}
