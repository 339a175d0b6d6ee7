import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class DefaultPackagePipeline {
  @Task String hello() { return "hello"; }

  @Task int length(@DependsOn("hello") String hello) { return hello.length(); }
}
