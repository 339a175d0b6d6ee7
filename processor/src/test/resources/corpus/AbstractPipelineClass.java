package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * An abstract class with concrete tasks is a valid pipeline: the runner takes any instance,
 * and a subclass's override of a task is what runs.
 */
abstract class AbstractPipelineClass {
  @Task String load() { return "rows"; }

  @Task String describe(@DependsOn("load") String rows) { return kind() + ":" + rows; }

  abstract String kind();
}

class ConcretePipeline extends AbstractPipelineClass {
  @Override
  String kind() { return "concrete"; }

  @Override
  String load() { return "overridden"; }
}
