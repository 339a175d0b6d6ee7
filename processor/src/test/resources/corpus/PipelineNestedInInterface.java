package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A class nested in an interface is implicitly static (and public): a valid pipeline. */
interface PipelineNestedInInterface {
  class Steps {
    @Task String load() { return "rows"; }

    @Task int count(@DependsOn("load") String rows) { return rows.length(); }
  }
}
