package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** DependsOn is PARAMETER-only: javac rejects it on a method, before any processor runs. */
class DependsOnOnMethod {
  @Task String load() { return "rows"; }

  @Task @DependsOn("load") int count() { return 1; }
}
