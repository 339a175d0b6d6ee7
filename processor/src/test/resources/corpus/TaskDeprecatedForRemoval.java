package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A task deprecated for removal: javac warns about "removal" even without -Xlint. */
class TaskDeprecatedForRemoval {
  /** @deprecated going away */
  @Deprecated(forRemoval = true)
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
