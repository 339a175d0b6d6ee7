package dev.taskwire.micrometer;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.atomic.AtomicInteger;

/** Four tasks that succeed: a source, two tasks after it, and one after both. */
class Shop {
  final AtomicInteger calls = new AtomicInteger();

  @Task
  String load() {
    calls.incrementAndGet();
    return "rows";
  }

  @Task
  String clean(@DependsOn("load") String rows) {
    calls.incrementAndGet();
    return "clean " + rows;
  }

  @Task
  String count(@DependsOn("load") String rows) {
    calls.incrementAndGet();
    return rows.length() + " rows";
  }

  @Task
  String report(@DependsOn("clean") String clean, @DependsOn("count") String count) {
    calls.incrementAndGet();
    return clean + ", " + count;
  }
}
