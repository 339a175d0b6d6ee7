package test;

import dev.taskwire.Task;

class PrivateTask {
  @Task String visible() { return "ok"; }

  @Task
  private String hidden() { return "no"; }
}
