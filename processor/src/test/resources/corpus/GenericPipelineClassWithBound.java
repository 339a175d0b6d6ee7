package corpus;

import dev.taskwire.Task;

/** A generic pipeline class: rejected, even though the tasks do not use its type variable. */
class GenericPipelineClassWithBound<N extends Number> {
  @Task String load() { return "rows"; }
}
