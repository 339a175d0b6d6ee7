package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Void tasks run for their effect; they have a future in {@code Execution}, no result. */
public class VoidTasks {
  final List<String> log = new CopyOnWriteArrayList<>();

  @Task
  String load() {
    return "rows";
  }

  @Task
  void audit(@DependsOn("load") String rows) {
    log.add("audit " + rows);
  }

  @Task
  static void ping() {}
}
