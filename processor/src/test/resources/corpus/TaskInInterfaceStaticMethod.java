package corpus;

import dev.taskwire.Task;

/** A static interface method could be called, but pipelines are classes. */
interface TaskInInterfaceStaticMethod {
  @Task
  static String load() { return "rows"; }
}
