package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A pipeline named like the runner's nested Results class: ResultsRunner.Results. */
class Results {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
