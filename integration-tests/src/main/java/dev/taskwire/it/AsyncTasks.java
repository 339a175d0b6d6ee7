package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Async tasks whose futures the test completes: while they are pending no thread waits, and their
 * results then reach the sync task that depends on both.
 */
public class AsyncTasks {
  final CompletableFuture<String> page = new CompletableFuture<>();
  final CompletableFuture<Integer> count = new CompletableFuture<>();

  @Task
  CompletableFuture<String> fetch() {
    return page;
  }

  @Task
  CompletionStage<Integer> countWords() {
    return count.minimalCompletionStage();
  }

  @Task
  String summary(@DependsOn("fetch") String page, @DependsOn("countWords") int words) {
    return page + " has " + words + " words";
  }
}
