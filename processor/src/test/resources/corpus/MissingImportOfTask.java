package corpus;

import dev.taskwire.DependsOn;

/**
 * @Task is not imported: the method's annotation cannot be resolved, which must not become
 * "@DependsOn is only read on parameters of @Task methods".
 */
class MissingImportOfTask {
  @Task String load() { return "rows"; }

  @Task int count(
      @DependsOn("load") String rows) { return rows.length(); }
}
