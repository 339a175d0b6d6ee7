package dev.taskwire.benchmarks.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The async shape with hand-written {@code CompletableFuture} composition. The four remote calls
 * are started directly on the caller's thread (starting an async call is cheap; taskwire's {@code
 * start()} does the same, Dagger invokes those methods on the executor). The calls complete on the
 * service's timer thread, so a careful engineer moves the dependents off it with {@code
 * thenCombineAsync(.., executor)}: user code must not run on another library's I/O or timer thread,
 * and taskwire and Dagger both hand such dependents to the executor as well. The sink's inputs
 * complete on the executor, so it uses the cheaper non-async {@code thenCombine}.
 */
final class AsyncFutures {
  private AsyncFutures() {}

  static CompletableFuture<Integer> start(AsyncPipeline p, Executor executor) {
    CompletableFuture<Integer> a = p.a();
    CompletableFuture<Integer> b = p.b();
    CompletableFuture<Integer> c = p.c();
    CompletableFuture<Integer> d = p.d();
    CompletableFuture<Integer> ab = a.thenCombineAsync(b, p::ab, executor);
    CompletableFuture<Integer> cd = c.thenCombineAsync(d, p::cd, executor);
    return ab.thenCombine(cd, p::sink);
  }
}
