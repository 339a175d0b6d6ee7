package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** An async task whose future fails with a checked exception. */
public class FailingAsyncTask {
  final IOException failure = new IOException("connection reset");
  final AtomicBoolean parseRan = new AtomicBoolean();

  @Task
  CompletableFuture<String> download() {
    return CompletableFuture.supplyAsync(() -> "partial")
        .thenCompose(partial -> CompletableFuture.failedFuture(failure));
  }

  @Task
  String parse(@DependsOn("download") String text) {
    parseRan.set(true);
    return text;
  }
}
