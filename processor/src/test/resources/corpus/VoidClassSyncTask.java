package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.ArrayList;
import java.util.List;

/** A sync task returning java.lang.Void (not void): a value task whose value is null. */
class VoidClassSyncTask {
  final List<String> log = new ArrayList<>();

  @Task Void clean() {
    log.add("clean");
    return null;
  }

  @Task String load(@DependsOn("clean") Void cleaned) { return "rows after " + log; }
}
