package dev.taskwire.samples.automl.server;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Lets a test hold new jobs open past their latency, then release them: every job of a kind, or
 * only those with a given label (an upload's data set name). With uploads held, a test can watch
 * the server until every upload it expects is open at once, a proof of overlap that does not depend
 * on timing. Nothing is held unless someone asks.
 */
final class JobGates {
  private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);

  /** A held kind ({@code label} null) or a held label of a kind. */
  private record Key(JobKind kind, String label) {}

  private final Map<Key, CompletableFuture<Void>> held = new HashMap<>();

  /** What a new job must wait for: open unless its kind or its label is held. */
  synchronized CompletableFuture<Void> gate(JobKind kind, String label) {
    CompletableFuture<Void> byKind = held.getOrDefault(new Key(kind, null), OPEN);
    CompletableFuture<Void> byLabel = held.getOrDefault(new Key(kind, label), OPEN);
    return CompletableFuture.allOf(byKind, byLabel);
  }

  /** Holds new jobs of {@code kind}; with a {@code label}, only those with that label. */
  synchronized void hold(JobKind kind, String label) {
    held.computeIfAbsent(new Key(kind, label), key -> new CompletableFuture<>());
  }

  /** Lets the jobs held by {@link #hold} with the same arguments finish. */
  void release(JobKind kind, String label) {
    CompletableFuture<Void> gate;
    synchronized (this) {
      gate = held.remove(new Key(kind, label));
    }
    if (gate != null) {
      gate.complete(null); // outside the lock: this may finish held jobs on this thread
    }
  }
}
