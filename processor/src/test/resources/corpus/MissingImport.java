package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** List is not imported: javac's "cannot find symbol" is the error, not the processor's. */
class MissingImport {
  @Task
  List<String> names() { return null; }

  @Task int count(@DependsOn("names") Object names) { return 1; }
}
