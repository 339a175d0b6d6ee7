package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A long result cannot narrow into an int parameter. */
class LongIntoInt {
  @Task long total() { return 1L << 40; }

  @Task int half(
      @DependsOn("total") int total) { return total / 2; }
}
