package test;

import dev.taskwire.Task;

/** Its runner's name is taken by the hand-written RunnerNameTakenRunner next to it. */
class RunnerNameTaken {
  @Task String load() { return "rows"; }
}
