package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

class VoidTasks {
  final List<String> log = new CopyOnWriteArrayList<>();

  @Task String load() { return "rows"; }

  @Task void audit(@DependsOn("load") String rows) { log.add("audit " + rows); }

  @Task static void ping() {}
}
