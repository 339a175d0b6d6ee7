package corpus;

import dev.taskwire.Task;

/** Task is METHOD-only: javac rejects it on a field, before any processor runs. */
class TaskOnField {
  @Task String name = "field";

  @Task String load() { return name; }
}
