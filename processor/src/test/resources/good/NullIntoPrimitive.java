package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.Arrays;
import java.util.List;

/** Boxed results that turn out null, passed to primitive parameters. */
class NullIntoPrimitive {
  @Task Integer count() { return null; }

  @Task int use(@DependsOn("count") int n) { return n + 1; }

  @Task long widen(@DependsOn("count") long n) { return n; }

  @Task List<Integer> sizes() { return Arrays.asList(1, null, 3); }

  @Task int twice(@ForEach("sizes") int size) { return 2 * size; }
}
