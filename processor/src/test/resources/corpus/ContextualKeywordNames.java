package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Restricted identifiers and contextual keywords are legal method names. */
class ContextualKeywordNames {
  @Task String record() { return "r"; }

  @Task String var() { return "v"; }

  @Task String yield() { return "y"; }

  @Task String sealed() { return "s"; }

  @Task String permits(
      @DependsOn("record") String record,
      @DependsOn("var") String var,
      @DependsOn("yield") String yield,
      @DependsOn("sealed") String sealed) {
    return record + var + yield + sealed;
  }
}
