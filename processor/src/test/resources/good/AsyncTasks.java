package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

class AsyncTasks {
  /** A subclass of CompletableFuture: its result type comes from the supertype. */
  static final class Download extends CompletableFuture<byte[]> {}

  @Task CompletableFuture<String> fetch() { return CompletableFuture.completedFuture("page"); }

  @Task CompletionStage<Integer> count() { return CompletableFuture.completedFuture(3); }

  @Task Download download() {
    Download download = new Download();
    download.complete(new byte[] {1, 2});
    return download;
  }

  @Task CompletableFuture<? extends List<String>> lines() {
    return CompletableFuture.completedFuture(List.of("a", "b"));
  }

  @Task CompletableFuture<Void> flush() { return CompletableFuture.completedFuture(null); }

  @Task String summary(
      @DependsOn("fetch") String fetch,
      @DependsOn("count") int count,
      @DependsOn("download") byte[] download,
      @DependsOn("lines") List<String> lines) {
    return fetch + count + download.length + lines;
  }
}
