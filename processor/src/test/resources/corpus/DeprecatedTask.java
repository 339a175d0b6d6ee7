package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A deprecated task and a deprecated result type must not make the runner warn. */
class DeprecatedTask {
  /** @deprecated use something else */
  @Deprecated
  static class OldModel {}

  /** @deprecated kept for old callers */
  @Deprecated
  @Task String old() { return "old"; }

  @SuppressWarnings("deprecation")
  @Task OldModel model() { return new OldModel(); }

  @Task String use(@DependsOn("old") String old) { return old + "!"; }
}
