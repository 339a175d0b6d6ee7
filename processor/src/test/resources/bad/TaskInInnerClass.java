package test;

import dev.taskwire.Task;

class TaskInInnerClass {
  class Inner {
    @Task String load() { return "rows"; }
  }
}
