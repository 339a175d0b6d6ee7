package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Two parameters of one task receive the same upstream result, through different types. */
class TwoParametersOnOneUpstream {
  @Task String load() { return "rows"; }

  @Task String twice(
      @DependsOn("load") String first,
      @DependsOn("load") CharSequence second,
      @DependsOn Object load) {
    return first + "+" + second + "+" + load;
  }
}
