package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class DependsOnVoidTask {
  @Task void clean() {}

  @Task String load(
      @DependsOn("clean") Object cleaned) {
    return "rows";
  }
}
