package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A pipeline named like dev.taskwire.runtime.internal.PipelineRun, which its runner also uses. */
class PipelineRun {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
