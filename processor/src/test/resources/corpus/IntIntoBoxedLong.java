package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** An int boxes to Integer, never to Long. */
class IntIntoBoxedLong {
  @Task int count() { return 3; }

  @Task long twice(
      @DependsOn("count") Long count) { return count * 2; }
}
