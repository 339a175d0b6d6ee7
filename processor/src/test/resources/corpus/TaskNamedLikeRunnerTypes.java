package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Tasks named like the runner's own nested classes and fields. */
class TaskNamedLikeRunnerTypes {
  @Task String Results() { return "r"; }

  @Task String Execution() { return "e"; }

  @Task String GRAPH() { return "g"; }

  @Task String invoker(
      @DependsOn("Results") String results,
      @DependsOn("Execution") String execution,
      @DependsOn("GRAPH") String graph) {
    return results + execution + graph;
  }
}
