package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

enum EnumPipeline {
  INSTANCE;

  @Task String hello() { return "hello"; }

  @Task int length(@DependsOn("hello") String hello) { return hello.length(); }
}
