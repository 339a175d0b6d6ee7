package corpus;

import dev.taskwire.Task;

/** An annotation interface is an interface: its elements cannot be tasks. */
@interface TaskInAnnotationType {
  @Task
  String load();
}
