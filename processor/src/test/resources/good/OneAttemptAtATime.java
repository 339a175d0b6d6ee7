package test;

import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An async task whose first attempt times out; its retry waits for the first future. */
class OneAttemptAtATime {
  final CompletableFuture<String> first = new CompletableFuture<>();
  final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Task(
      timeout = "20ms",
      retries = 1,
      backoff = "1ms",
      maxBackoff = "1ms",
      oneAttemptAtATime = true)
  CompletableFuture<String> fetch() {
    if (calls.incrementAndGet() == 1) {
      return first; // completed by the test once the attempt has timed out
    }
    seen.add("first done " + first.isDone() + ", cancelled " + first.isCancelled());
    return CompletableFuture.completedFuture("second");
  }
}
