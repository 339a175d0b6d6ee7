package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** What assignment allows: widening, boxing, unboxing, and boxing then widening to Object. */
class BoxingAndWidening {
  @Task int count() { return 3; }

  @Task Integer boxed() { return 4; }

  @Task char letter() { return 'a'; }

  @Task String all(
      @DependsOn("count") long widened,
      @DependsOn("count") Integer boxedCount,
      @DependsOn("boxed") int unboxed,
      @DependsOn("count") Number number,
      @DependsOn("letter") int code,
      @DependsOn("letter") Object letter) {
    return widened + "," + boxedCount + "," + unboxed + "," + number + "," + code + "," + letter;
  }
}
