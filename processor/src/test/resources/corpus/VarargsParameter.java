package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A varargs parameter receives an upstream array as the array itself. */
class VarargsParameter {
  @Task String[] parts() { return new String[] {"a", "b", "c"}; }

  @Task String join(@DependsOn("parts") String... parts) { return String.join("-", parts); }
}
