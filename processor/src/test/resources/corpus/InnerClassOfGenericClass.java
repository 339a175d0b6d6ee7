package corpus;

import dev.taskwire.Task;

/** An inner (non-static) class of a generic class: rejected as an inner class. */
class InnerClassOfGenericClass<T> {
  class Steps {
    @Task String load() { return "rows"; }
  }
}
