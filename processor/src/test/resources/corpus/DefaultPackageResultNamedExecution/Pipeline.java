import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;

/** In the unnamed package, the runner's nested Execution hides a result type named Execution. */
class Pipeline {
  @Task String load() { return "rows"; }

  @Task
  List<Execution> executions(@DependsOn("load") String rows) { return List.of(new Execution()); }
}
