package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class TwoCycles {
  @Task String start() { return "start"; }

  @Task String a(
      @DependsOn("b") String b) {
    return b;
  }

  @Task String x(
      @DependsOn("y") String y,
      @DependsOn("start") String start) {
    return y + start;
  }

  @Task String b(
      @DependsOn("a") String a) {
    return a;
  }

  @Task String y(
      @DependsOn("z") String z) {
    return z;
  }

  @Task String z(
      @DependsOn("x") String x) {
    return x;
  }
}
