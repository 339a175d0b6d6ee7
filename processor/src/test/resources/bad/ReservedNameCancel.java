package test;

import dev.taskwire.Task;

class ReservedNameCancel {
  @Task String load() { return "rows"; }

  @Task
  public String cancel() { return "clash"; }
}
