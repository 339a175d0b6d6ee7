import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * In the unnamed package, ResultsRunner cannot name this class: its own nested Results hides
 * it, and there is no qualified name to write instead.
 */
class Results {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
