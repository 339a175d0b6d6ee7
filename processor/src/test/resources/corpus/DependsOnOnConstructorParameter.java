package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** javac accepts @DependsOn on any parameter; the processor reads it only on task methods. */
class DependsOnOnConstructorParameter {
  private final String prefix;

  DependsOnOnConstructorParameter(
      @DependsOn("load") String prefix) {
    this.prefix = prefix;
  }

  @Task String load() { return prefix + "rows"; }
}
