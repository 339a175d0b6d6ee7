package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * The enum's own methods are its tasks. A constant's body is an anonymous class, which javac never
 * shows to processors: its @Task is silently ignored. Overriding a task there still changes what
 * the runner calls, by virtual dispatch.
 */
enum EnumWithConstantBodies {
  PLAIN,
  LOUD {
    @Override
    String word() { return "HELLO"; }

    @Task String invisible() { return "never a task"; }
  };

  @Task String word() { return "hello"; }

  @Task String shout(@DependsOn("word") String word) { return word + "!"; }
}
