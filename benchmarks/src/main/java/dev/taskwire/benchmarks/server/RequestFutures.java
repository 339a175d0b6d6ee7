package dev.taskwire.benchmarks.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The request pipeline with hand-written {@code CompletableFuture} composition, made as a careful
 * engineer would and as the async shape's {@code AsyncFutures}: {@code parse} runs on the executor
 * (taskwire's {@code start()} and Dagger run it there too), the three remote calls are started from
 * it ({@code thenCompose}: starting a call is cheap), the tasks that depend on a call move off the
 * service's timer thread with {@code *Async(.., executor)}, and the tasks whose inputs complete on
 * the executor use the cheaper non-async {@code thenCombine} and {@code thenApply}.
 */
final class RequestFutures {
  private RequestFutures() {}

  /** Starts the pipeline and returns {@code render}'s future. */
  static CompletableFuture<Integer> start(RequestPipeline p, Executor executor) {
    CompletableFuture<Integer> parse = CompletableFuture.supplyAsync(p::parse, executor);
    CompletableFuture<Integer> user = parse.thenCompose(p::user);
    CompletableFuture<Integer> prices = parse.thenCompose(p::prices);
    CompletableFuture<Integer> stock = parse.thenCompose(p::stock);
    CompletableFuture<Integer> enrich = user.thenCombineAsync(prices, p::enrich, executor);
    CompletableFuture<Integer> available = stock.thenApplyAsync(p::available, executor);
    CompletableFuture<Integer> discount = user.thenApplyAsync(p::discount, executor);
    CompletableFuture<Integer> price = enrich.thenCombine(available, p::price);
    return price.thenCombine(discount, p::total).thenApply(p::render);
  }
}
