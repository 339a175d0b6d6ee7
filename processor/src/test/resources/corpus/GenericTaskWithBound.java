package corpus;

import dev.taskwire.Task;

/** A generic task whose result is a type variable with a bound: rejected, not its bound used. */
class GenericTaskWithBound {
  @Task
  <N extends Number> N biggest() { return null; }
}
