package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** An int result, received as int, Integer and long. */
public class Primitives {
  @Task
  int answer() {
    return 42;
  }

  @Task
  int doubled(@DependsOn("answer") int answer) {
    return answer * 2;
  }

  @Task
  String boxed(@DependsOn("answer") Integer answer) {
    return answer.getClass().getSimpleName() + " " + answer;
  }

  @Task
  long widened(@DependsOn("answer") long answer) {
    return answer * 1_000_000_000L;
  }
}
