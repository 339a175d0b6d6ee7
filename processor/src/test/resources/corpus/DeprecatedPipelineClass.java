package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * A deprecated pipeline class: its runner must name it, without a warning.
 *
 * @deprecated replaced by a newer pipeline
 */
@Deprecated
class DeprecatedPipelineClass {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
