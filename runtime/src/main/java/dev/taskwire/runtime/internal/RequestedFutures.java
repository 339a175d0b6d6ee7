package dev.taskwire.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The futures a user asked for through {@link PipelineRun#future(int)}. A run creates this only on
 * the first request, so runs that never ask pay nothing for it.
 */
final class RequestedFutures {
  private final PipelineRun run;
  private final AtomicReferenceArray<CompletableFuture<Object>> futures;

  RequestedFutures(PipelineRun run, int size) {
    this.run = run;
    this.futures = new AtomicReferenceArray<>(size);
  }

  /** A new copy of task {@code task}'s future, so that callers cannot affect each other. */
  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> copyOf(int task) {
    CompletableFuture<Object> shared = futures.get(task);
    if (shared == null) {
      CompletableFuture<Object> created = new CompletableFuture<>();
      shared = futures.compareAndExchange(task, null, created);
      if (shared == null) {
        shared = created;
      }
    }
    // Either this check or the finishing thread's publish() sees the other's write.
    run.completeIfEnded(task, shared);
    // Not shared.copy(): that would wrap a cancellation, and the copy would not say isCancelled.
    CompletableFuture<T> copy = new CompletableFuture<>();
    var unused =
        shared.whenComplete(
            (value, failure) -> {
              if (failure == null) {
                copy.complete((T) value);
              } else {
                copy.completeExceptionally(failure);
              }
            });
    return copy;
  }

  /** Completes task {@code task}'s future, if one was requested and the task has ended. */
  void publish(int task) {
    CompletableFuture<Object> future = futures.get(task);
    if (future != null) {
      run.completeIfEnded(task, future);
    }
  }

  void publishAll() {
    for (int task = 0; task < futures.length(); task++) {
      publish(task);
    }
  }
}
