package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class InstanceAndStaticTasks {
  private final String greeting;

  InstanceAndStaticTasks(String greeting) {
    this.greeting = greeting;
  }

  @Task static String name() { return "world"; }

  @Task String greet(@DependsOn("name") String name) { return greeting + ", " + name; }

  @Task static int length(@DependsOn("greet") String greet) { return greet.length(); }
}
