package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * Result types named Results and Execution, top-level in the pipeline's package: inside the
 * runner those simple names mean its own nested classes.
 */
class ResultTypeNamedResults {
  @Task Results results() { return new Results(); }

  @Task Execution execution(@DependsOn("results") Results results) { return new Execution(); }
}
