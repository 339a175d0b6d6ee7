package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** The tasks are fine, but a field of the class has a type that never exists. */
class UnknownTypeInOtherMember {
  NoSuchService service;

  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
