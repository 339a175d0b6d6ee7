package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class CycleOfThree {
  @Task String a(@DependsOn("b") String b) { return b; }

  @Task String b(@DependsOn("c") String c) { return c; }

  @Task String c(@DependsOn("a") String a) { return a; }
}
