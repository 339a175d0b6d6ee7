package corpus;

import dev.taskwire.Task;

/** A task that throws an exception type that never exists. */
class UnknownThrownType {
  @Task
  String load() throws NoSuchException { return "rows"; }
}
