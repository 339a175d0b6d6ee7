package corpus;

import dev.taskwire.Task;

/**
 * RunnerNamesCollide.Steps and RunnerNamesCollide_Steps would both get
 * RunnerNamesCollide_StepsRunner: the second one processed gets the error.
 */
class RunnerNamesCollide {
  static class Steps {
    @Task String load() { return "nested"; }
  }
}

class RunnerNamesCollide_Steps {
  @Task String load() { return "top-level"; }
}
