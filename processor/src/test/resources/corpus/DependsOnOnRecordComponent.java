package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A record component's @DependsOn lands on the canonical constructor's parameter. */
record DependsOnOnRecordComponent(
    @DependsOn("load") String prefix) {
  @Task String load() { return prefix + "rows"; }
}
