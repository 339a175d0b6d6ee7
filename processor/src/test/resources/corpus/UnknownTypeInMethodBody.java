package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * A type that never exists, used only inside a method body: the signatures are complete, so the
 * processor is not deferred and writes the runner; javac reports the body.
 */
class UnknownTypeInMethodBody {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) {
    NoSuchHelper helper = null;
    return rows.length();
  }
}
