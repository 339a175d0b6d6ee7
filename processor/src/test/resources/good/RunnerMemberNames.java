package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Task names that are also names of members of the runner or of the code it generates. */
class RunnerMemberNames {
  @Task int run() { return 1; }

  @Task int start(@DependsOn("run") int run) { return run + 1; }

  @Task int invoke(@DependsOn("start") int start) { return start + 1; }

  @Task int value(@DependsOn("invoke") int invoke) { return invoke + 1; }

  @Task int future(@DependsOn("value") int value) { return value + 1; }

  @Task int pipeline(@DependsOn("future") int future) { return future + 1; }

  @Task int options(@DependsOn("pipeline") int pipeline) { return pipeline + 1; }

  @Task int task(@DependsOn("options") int options) { return options + 1; }
}
