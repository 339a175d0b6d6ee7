import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * In the unnamed package, a pipeline named like dev.taskwire.runtime.TaskGraph: the runner must
 * not import the runtime's TaskGraph, which would hide this one.
 */
class TaskGraph {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
