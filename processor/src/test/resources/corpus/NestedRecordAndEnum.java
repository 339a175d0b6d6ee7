package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Nested records and enums are implicitly static: valid pipelines. */
class NestedRecordAndEnum {
  record Config(String name) {
    @Task String greet() { return "hello " + name; }

    @Task int length(@DependsOn("greet") String greet) { return greet.length(); }
  }

  enum Mode {
    FAST;

    @Task String label() { return name().toLowerCase(); }
  }
}
