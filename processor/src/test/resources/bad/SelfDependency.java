package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class SelfDependency {
  @Task int counter(
      @DependsOn("counter") int previous) {
    return previous + 1;
  }
}
