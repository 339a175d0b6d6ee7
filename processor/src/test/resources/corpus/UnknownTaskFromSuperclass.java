package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * The superclass's @Task methods are the superclass's own pipeline; they are not part of the
 * subclass's pipeline, so the subclass cannot depend on them.
 */
class UnknownTaskFromSuperclass {
  static class Base {
    @Task String load() { return "rows"; }
  }

  static class Sub extends Base {
    @Task int count(
        @DependsOn("load") String rows) { return rows.length(); }
  }
}
