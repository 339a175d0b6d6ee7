package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class TypeMismatch {
  @Task String load() { return "rows"; }

  @Task int count(
      @DependsOn("load") Integer rows) {
    return rows;
  }
}
