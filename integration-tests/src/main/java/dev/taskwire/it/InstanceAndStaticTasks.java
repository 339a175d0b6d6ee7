package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Instance tasks read the pipeline's state; static tasks need none. */
public class InstanceAndStaticTasks {
  private final String greeting;

  public InstanceAndStaticTasks(String greeting) {
    this.greeting = greeting;
  }

  @Task
  static String name() {
    return "world";
  }

  @Task
  String greet(@DependsOn("name") String name) {
    return greeting + ", " + name;
  }

  @Task
  static int length(@DependsOn("greet") String greet) {
    return greet.length();
  }
}
