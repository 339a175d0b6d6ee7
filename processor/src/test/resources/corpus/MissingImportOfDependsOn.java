package corpus;

import dev.taskwire.Task;

/**
 * @DependsOn is not imported: the parameter's annotation cannot be resolved, which must not
 * become "parameter rows has no @DependsOn".
 */
class MissingImportOfDependsOn {
  @Task String load() { return "rows"; }

  @Task int count(
      @DependsOn("load") String rows) { return rows.length(); }
}
