package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class SameUpstreamTwice {
  @Task String word() { return "echo"; }

  @Task String twice(@DependsOn("word") String first, @DependsOn("word") CharSequence second) {
    return first + " " + second;
  }
}
