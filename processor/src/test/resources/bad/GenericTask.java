package test;

import dev.taskwire.Task;

class GenericTask {
  @Task
  <T> T anything() { return null; }
}
