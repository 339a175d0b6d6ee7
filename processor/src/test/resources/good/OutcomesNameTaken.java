package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

/** A task named trainOutcomes keeps its accessor: the fan-out train gets no outcomes accessor. */
class OutcomesNameTaken {
  @Task List<String> grid() { return List.of("a", "b"); }

  @Task String train(@ForEach("grid") String config) { return config + "!"; }

  @Task String trainOutcomes(@DependsOn("train") List<String> trained) {
    return String.join(",", trained);
  }
}
