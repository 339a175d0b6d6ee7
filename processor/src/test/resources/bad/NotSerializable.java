package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Each dispatched task's non-serializable parameter or result is an error on itself. */
@Distributed
class NotSerializable {
  static class Rows {}

  record Row(int x) implements java.io.Serializable {}

  @Task static List<Row> load() {
    return List.of(new Row(1));
  }

  @Task
  Rows parse(@DependsOn List<Row> load) {
    return new Rows();
  }

  @Task static int count(
      @DependsOn("parse") Object parsed) {
    return 1;
  }

  @Task static List<Rows> wrapped(@DependsOn int count) {
    return List.of();
  }

  // Async tasks stay on the driver unless they say otherwise, and so do these.
  @Task static CompletableFuture<Rows> fetch() {
    return CompletableFuture.completedFuture(new Rows());
  }

  @Task @Distributed(false) static Rows local(@DependsOn Rows fetch) {
    return fetch;
  }

  @Distributed Rows helper() {
    return new Rows();
  }
}
