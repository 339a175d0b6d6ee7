package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;

class FutureParameter {
  @Task CompletableFuture<String> fetch() { return CompletableFuture.completedFuture("page"); }

  @Task int length(
      @DependsOn("fetch") CompletableFuture<String> page) {
    return page.join().length();
  }
}
