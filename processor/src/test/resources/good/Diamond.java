package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Two paths from top to bottom meet again: a diamond, not a cycle. */
class Diamond {
  @Task int top() { return 1; }

  @Task int left(@DependsOn("top") int top) { return top + 10; }

  @Task int right(@DependsOn("top") int top) { return top + 100; }

  @Task int bottom(@DependsOn("left") int left, @DependsOn("right") int right) {
    return left + right;
  }
}
