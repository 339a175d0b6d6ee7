package test;

import dev.taskwire.Task;

class ReservedNameToString {
  @Task String load() { return "rows"; }

  @Task
  public String toString() { return "clash"; }
}
