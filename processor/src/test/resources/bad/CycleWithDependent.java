package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class CycleWithDependent {
  @Task String report(
      @DependsOn("ping") String ping) {
    return ping;
  }

  @Task String ping(
      @DependsOn("pong") String pong) {
    return pong;
  }

  @Task String pong(
      @DependsOn("ping") String ping) {
    return ping;
  }
}
