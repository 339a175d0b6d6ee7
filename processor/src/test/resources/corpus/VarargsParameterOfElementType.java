package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** A varargs parameter is an array: it does not accept a single element. */
class VarargsParameterOfElementType {
  @Task String part() { return "a"; }

  @Task String join(
      @DependsOn("part") String... parts) { return String.join("-", parts); }
}
