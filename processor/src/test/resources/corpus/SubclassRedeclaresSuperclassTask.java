package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * The fix the error for UnknownTaskFromSuperclass suggests: the subclass overrides the
 * superclass's task with @Task, so it is a task of the subclass's pipeline too.
 */
class SubclassRedeclaresSuperclassTask {
  static class Base {
    @Task String load() { return "rows"; }
  }

  static class Sub extends Base {
    @Override
    @Task String load() { return "sub " + super.load(); }

    @Task int count(@DependsOn("load") String rows) { return rows.length(); }
  }
}
