package dev.taskwire.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * The futures a user asked for through {@link PipelineRun#future(int)}. A run creates this only on
 * the first request, so runs that never ask pay nothing for it. Each request gets a future of its
 * own: completing or cancelling one affects neither the run, which never reads them, nor another
 * caller's. The first request of a task gets a future the run completes itself, one object; later
 * ones get copies that follow a shared future, one registration each.
 */
final class RequestedFutures {
  private static final VarHandle REQUESTED = MethodHandles.arrayElementVarHandle(Object[].class);

  /** A task's entry once it was asked for more than once. */
  private record Shared(CompletableFuture<Object> first, CompletableFuture<Object> shared) {
    /** A new copy of the shared future, for one caller. */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> copy() {
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
  }

  private final PipelineRun run;

  /**
   * Per task: null until asked for, then the first caller's {@code CompletableFuture}, then a
   * {@link Shared} once asked for again.
   */
  private final Object[] requested;

  RequestedFutures(PipelineRun run, int size) {
    this.run = run;
    this.requested = new Object[size];
  }

  /** A new future of task {@code task}'s outcome, for one caller. */
  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> newFuture(int task) {
    for (; ; ) {
      Object seen = REQUESTED.getVolatile(requested, task);
      if (seen == null) {
        CompletableFuture<Object> first = new CompletableFuture<>();
        if (REQUESTED.compareAndSet(requested, task, null, first)) {
          // Either this check or the finishing thread's publish() sees the other's write.
          run.completeIfEnded(task, first);
          return (CompletableFuture<T>) first;
        }
      } else {
        Shared shared =
            seen instanceof Shared already
                ? already
                : new Shared((CompletableFuture<Object>) seen, new CompletableFuture<>());
        if (shared == seen || REQUESTED.compareAndSet(requested, task, seen, shared)) {
          run.completeIfEnded(task, shared.shared());
          return shared.copy();
        }
      }
    }
  }

  /** Completes task {@code task}'s futures, if any were requested and the task has ended. */
  @SuppressWarnings("unchecked")
  void publish(int task) {
    Object seen = REQUESTED.getVolatile(requested, task);
    if (seen instanceof Shared shared) {
      run.completeIfEnded(task, shared.first());
      run.completeIfEnded(task, shared.shared());
    } else if (seen != null) {
      run.completeIfEnded(task, (CompletableFuture<Object>) seen);
    }
  }

  void publishAll() {
    for (int task = 0; task < requested.length; task++) {
      publish(task);
    }
  }
}
