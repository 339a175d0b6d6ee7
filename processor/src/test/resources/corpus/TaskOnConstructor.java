package corpus;

import dev.taskwire.Task;

/** Task is METHOD-only: javac rejects it on a constructor, before any processor runs. */
class TaskOnConstructor {
  @Task TaskOnConstructor() {}

  @Task String load() { return "rows"; }
}
