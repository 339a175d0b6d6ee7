package dev.taskwire.hazelcast;

import dev.taskwire.runtime.remote.RemoteCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * One dispatched call on the driver, from {@link HazelcastDispatcher#dispatch} until its reply is
 * read: what was sent, the result the run waits for, and what was submitted to carry it (alone or
 * in a batch), to cancel on the member when the run no longer wants it.
 */
final class PendingCall implements BiConsumer<Object, Throwable> {
  final RemoteCall call;
  final DispatchedTask task;
  final CompletableFuture<Object> result = new CompletableFuture<>();

  /** The loader the reply is read with: the dispatching thread's, the application's. */
  private final ClassLoader loader;

  /** Where a cancel is sent from (see {@link #cancelIfUnwanted}). */
  private final Executor canceller;

  /** The calls sent with this one, itself included; null if it went alone. */
  private volatile List<PendingCall> batch;

  /** What carries the call to its member; null until submitted. */
  private volatile Future<?> submitted;

  /** Whether the member's answer came: nothing is left to cancel there. */
  private volatile boolean answered;

  PendingCall(RemoteCall call, DispatchedTask task, ClassLoader loader, Executor canceller) {
    this.call = call;
    this.task = task;
    this.loader = loader;
    this.canceller = canceller;
  }

  /** Before submitting: the call goes with {@code batch}. */
  void sentWith(List<PendingCall> batch) {
    this.batch = batch;
  }

  /** After submitting: {@code submitted} carries the call, and maybe others. */
  void submitted(Future<?> submitted) {
    this.submitted = submitted;
    cancelIfUnwanted();
  }

  /** Before its result completes: the member answered, or the message carrying the call failed. */
  void answered() {
    answered = true;
  }

  /** Completes the result with the value or the failure in {@code reply}. */
  void complete(byte[] reply) {
    try {
      result.complete(CallReply.read(reply, call, loader));
    } catch (Throwable failed) { // the task's own failure, or a refused reply
      result.completeExceptionally(failed);
    }
  }

  /** When the result completes: if it was cancelled, the work on the member may be too. */
  @Override
  public void accept(Object value, Throwable failure) {
    if (result.isCancelled()) {
      cancelIfUnwanted();
    }
  }

  /**
   * Cancels the submitted work on its member once no result it carries is still wanted: at once for
   * a lone call, when the last of them is cancelled for a batch, never once it was answered. Best
   * effort: if the cancel fails (say the client is closing), the run has moved on and no one could
   * act.
   */
  private void cancelIfUnwanted() {
    Future<?> carrier = submitted;
    if (carrier == null || answered || carrier.isDone() || !result.isDone()) {
      return;
    }
    List<PendingCall> others = batch;
    if (others == null || others.stream().allMatch(other -> other.result.isDone())) {
      // Hazelcast's client waits for the member to confirm a cancel, and the thread cancelling may
      // be the one that confirmation must come through (a client's response thread, when a failed
      // call stops the run), or the run's timer: cancel elsewhere.
      canceller.execute(() -> cancelQuietly(carrier));
    }
  }

  private static void cancelQuietly(Future<?> carrier) {
    try {
      carrier.cancel(true);
    } catch (RuntimeException closing) {
      // Best effort (see above): the client may be shutting down.
    }
  }
}
