package test;

import dev.taskwire.Task;

interface TaskInInterface {
  @Task
  default String load() { return "rows"; }
}
