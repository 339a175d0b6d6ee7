package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class DuplicateTask {
  @Task String load() { return "rows"; }

  @Task String load(@DependsOn("other") String other) { return other; }

  @Task String other() { return "other"; }
}
