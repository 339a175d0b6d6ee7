package corpus;

import dev.taskwire.Task;

/** Task is METHOD-only: javac rejects it on a class, before any processor runs. */
@Task class TaskOnClass {
  String load() { return "rows"; }
}
