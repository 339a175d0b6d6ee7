package test;

import dev.taskwire.Task;

class ReservedNameAwait {
  @Task String load() { return "rows"; }

  @Task
  public String await() { return "clash"; }
}
