package dev.taskwire.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The futures a user asked for through {@link PipelineRun#future(int)}. A run creates this only on
 * the first request, so runs that never ask pay nothing for it. Each request gets a future of its
 * own, which the run completes when the task ends: completing or cancelling one affects neither the
 * run, which never reads them, nor another caller's.
 */
final class RequestedFutures {
  private static final VarHandle REQUESTED = MethodHandles.arrayElementVarHandle(Object[].class);

  private final PipelineRun run;

  /**
   * Per task, the futures handed out for it: null, one {@code CompletableFuture}, or an array of
   * them (a task asked for more than once, which is rare).
   */
  private final Object[] requested;

  RequestedFutures(PipelineRun run, int size) {
    this.run = run;
    this.requested = new Object[size];
  }

  /** A new future of task {@code task}'s outcome, for one caller. */
  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> newFuture(int task) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    Object seen;
    do {
      seen = REQUESTED.getVolatile(requested, task);
    } while (!REQUESTED.compareAndSet(requested, task, seen, with(seen, future)));
    // Either this check or the finishing thread's publish() sees the other's write.
    run.completeIfEnded(task, future);
    return (CompletableFuture<T>) future;
  }

  /** What a task's entry holds once {@code future} is added to {@code seen}. */
  @SuppressWarnings("FutureReturnValueIgnored") // an entry that holds the future, not a result
  private static Object with(Object seen, CompletableFuture<Object> future) {
    if (seen == null) {
      return future;
    }
    if (seen instanceof CompletableFuture<?> one) {
      return new CompletableFuture<?>[] {one, future};
    }
    CompletableFuture<?>[] many = (CompletableFuture<?>[]) seen;
    CompletableFuture<?>[] more = Arrays.copyOf(many, many.length + 1);
    more[many.length] = future;
    return more;
  }

  /** Completes task {@code task}'s futures, if any were requested and the task has ended. */
  @SuppressWarnings("unchecked")
  void publish(int task) {
    Object seen = REQUESTED.getVolatile(requested, task);
    if (seen instanceof CompletableFuture<?> one) {
      run.completeIfEnded(task, (CompletableFuture<Object>) one);
    } else if (seen != null) {
      for (CompletableFuture<?> future : (CompletableFuture<?>[]) seen) {
        run.completeIfEnded(task, (CompletableFuture<Object>) future);
      }
    }
  }

  void publishAll() {
    for (int task = 0; task < requested.length; task++) {
      publish(task);
    }
  }
}
