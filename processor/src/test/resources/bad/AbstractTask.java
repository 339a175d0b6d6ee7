package test;

import dev.taskwire.Task;

abstract class AbstractTask {
  @Task String concrete() { return "ok"; }

  @Task
  abstract String missingBody();
}
