package corpus.packageinfo;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class Steps {
  @Task String load() { return "rows"; }

  @Task int count(@DependsOn("load") String rows) { return rows.length(); }
}
