package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Holds a static nested pipeline, whose runner is {@code Outer_FooRunner}. */
public class Outer {
  private Outer() {}

  /** A pipeline nested in another class. */
  public static class Foo {
    @Task
    String hello() {
      return "hello";
    }

    @Task
    int length(@DependsOn("hello") String hello) {
      return hello.length();
    }
  }
}
