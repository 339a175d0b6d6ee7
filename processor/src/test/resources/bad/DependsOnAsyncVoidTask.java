package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;

class DependsOnAsyncVoidTask {
  @Task CompletableFuture<Void> upload() { return CompletableFuture.completedFuture(null); }

  @Task String report(
      @DependsOn("upload") Void uploaded) {
    return "done";
  }
}
