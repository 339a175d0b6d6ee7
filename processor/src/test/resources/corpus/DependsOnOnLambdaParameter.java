package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.function.Function;

/**
 * A lambda's parameter is inside a method body, which javac never shows to processors: the
 * annotation is silently ignored, like a @Task in a local class.
 */
class DependsOnOnLambdaParameter {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) {
    Function<String, Integer> length = (@DependsOn("load") String s) -> s.length();
    return length.apply(rows);
  }
}
