package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class MissingType {
  @Task
  NeverGenerated build() { return null; }

  @Task String describe(@DependsOn("build") Object model) { return String.valueOf(model); }
}
