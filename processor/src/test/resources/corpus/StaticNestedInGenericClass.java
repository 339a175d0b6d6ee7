package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;

/** The outer class is generic, but a static nested class cannot see its type variable. */
class StaticNestedInGenericClass<T> {
  List<T> items;

  static class Steps {
    @Task String load() { return "rows"; }

    @Task int count(@DependsOn("load") String rows) { return rows.length(); }
  }
}
