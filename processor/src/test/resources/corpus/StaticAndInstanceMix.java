package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Static tasks depend on instance tasks and the other way round. */
class StaticAndInstanceMix {
  private final String name;

  StaticAndInstanceMix(String name) { this.name = name; }

  @Task static String greeting() { return "hello"; }

  @Task String greet(@DependsOn("greeting") String greeting) { return greeting + " " + name; }

  @Task static int length(@DependsOn("greet") String greet) { return greet.length(); }

  @Task public static String report(
      @DependsOn("length") int length, @DependsOn("greet") String greet) {
    return greet + "=" + length;
  }
}
