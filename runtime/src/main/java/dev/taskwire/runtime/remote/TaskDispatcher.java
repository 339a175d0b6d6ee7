package dev.taskwire.runtime.remote;

import java.util.concurrent.CompletionStage;

/**
 * Sends the body of a dispatched task to another JVM and hands back its result. Set one with {@link
 * dev.taskwire.runtime.RunOptions#dispatcher(TaskDispatcher)}; {@code taskwire-hazelcast} provides
 * one for a Hazelcast cluster.
 *
 * <p>Which tasks are dispatched was decided at compile time ({@code @Distributed}); the run keeps
 * the graph and schedules as always, and treats a dispatched task like an async task: no thread of
 * the run waits for the returned stage. The task's {@code @Task} timeout and retries apply to it as
 * to any task: a timeout cancels the returned stage (a dispatcher should then cancel the remote
 * work), and each retry is a new call with the next attempt number.
 *
 * <p>A stage that fails with {@link WorkerLostException} means the JVM running the call was lost
 * before it answered: the run then calls the dispatcher again at once, without counting it against
 * the task's retries, up to {@link #rerunsWhenWorkerLost()} times. Listeners see each re-run as a
 * retried attempt.
 */
public interface TaskDispatcher {
  /**
   * Starts {@code call} elsewhere and returns a stage that completes with the task method's result
   * ({@code null} for a void task, {@code T} for a task returning a future of {@code T}), or
   * exceptionally with what the method threw. Must not block.
   */
  CompletionStage<Object> dispatch(RemoteCall call);

  /** How often one task may be re-run because the JVM running it was lost; 3 by default. */
  default int rerunsWhenWorkerLost() {
    return 3;
  }
}
