package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * Names its own runner outside its task signatures: a field of the Execution, a method that takes
 * and returns the Results. The runner is what the processor generates, so it cannot wait for them.
 */
public class HoldsItsOwnRunner {
  private HoldsItsOwnRunnerRunner.Execution current;

  @Task int one() { return 1; }

  @Task int two(@DependsOn("one") int one) { return one + 1; }

  HoldsItsOwnRunnerRunner.Results keep(HoldsItsOwnRunnerRunner.Results results) {
    return results;
  }

  /** Starts a run, keeps it in the field, and returns what its last task gave. */
  public int startAndAwait() {
    current = new HoldsItsOwnRunnerRunner(this).start();
    return keep(current.await()).two();
  }
}
