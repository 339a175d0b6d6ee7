package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** The pipeline class has hand-written nested classes named like the runner's. */
class NestedClassNamedResults {
  static class Results {
    final String value;

    Results(String value) { this.value = value; }
  }

  static class Execution {}

  @Task Results results() { return new Results("mine"); }

  @Task Execution execution() { return new Execution(); }

  @Task String value(
      @DependsOn("results") Results results,
      @DependsOn("execution") Execution execution) {
    return results.value;
  }
}
