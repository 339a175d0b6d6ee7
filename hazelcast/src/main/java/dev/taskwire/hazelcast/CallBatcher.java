package dev.taskwire.hazelcast;

import com.hazelcast.cluster.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gathers dispatched calls and sends them in batches (see {@link
 * HazelcastDispatcher.Builder#batchSize}). A run dispatches the ready elements of a fan-out one
 * after another and cannot say when it has dispatched the last, so no call waits for a timer: the
 * first call wakes a sender on {@code sender}, and every call dispatched before the sender runs
 * goes with it. While the sender sends, new calls gather for its next round.
 */
final class CallBatcher {
  private final HazelcastDispatcher dispatcher;
  private final int batchSize;
  private final Executor sender;
  private final Queue<PendingCall> waiting = new ConcurrentLinkedQueue<>();

  /** Whether a sender is scheduled or running: it sends whatever waits before it stops. */
  private final AtomicBoolean sending = new AtomicBoolean();

  CallBatcher(HazelcastDispatcher dispatcher, int batchSize, Executor sender) {
    this.dispatcher = dispatcher;
    this.batchSize = batchSize;
    this.sender = sender;
  }

  void add(PendingCall call) {
    waiting.add(call);
    if (sending.compareAndSet(false, true)) {
      try {
        sender.execute(this::sendWaiting);
      } catch (RejectedExecutionException refused) {
        sending.set(false);
        dispatcher.fail(takeWaiting(), refused, null);
      }
    }
  }

  /** How many calls wait for the sender. */
  int waiting() {
    return waiting.size();
  }

  /** Sends what waits, round after round, until nothing does. */
  private void sendWaiting() {
    do {
      try {
        send(takeWaiting());
      } finally {
        sending.set(false);
      }
      // A call added after the poll and before the flag cleared found a sender: this one.
    } while (!waiting.isEmpty() && sending.compareAndSet(false, true));
  }

  /** The calls waiting, but for those cancelled before they left: nothing to send for them. */
  private List<PendingCall> takeWaiting() {
    List<PendingCall> calls = new ArrayList<>();
    for (PendingCall next; (next = waiting.poll()) != null; ) {
      if (!next.result.isDone()) {
        calls.add(next);
      }
    }
    return calls;
  }

  /**
   * Spreads {@code calls} over the selected members in batches of at most {@code batchSize}, and
   * over as many members as there are calls, so that a few calls still run side by side.
   */
  private void send(List<PendingCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    List<Member> members;
    try {
      members = dispatcher.selectedMembers();
    } catch (RuntimeException refused) {
      dispatcher.fail(calls, refused, null);
      return;
    }
    int count = calls.size();
    int batches = Math.max(ceilDiv(count, batchSize), Math.min(count, members.size()));
    for (int batch = 0, from = 0; batch < batches; batch++) {
      // Batches differ in size by one at most: the first (count % batches) take one more.
      int to = from + count / batches + (batch < count % batches ? 1 : 0);
      dispatcher.send(List.copyOf(calls.subList(from, to)), members.get(batch % members.size()));
      from = to;
    }
  }

  private static int ceilDiv(int dividend, int divisor) {
    return (dividend + divisor - 1) / divisor;
  }
}
