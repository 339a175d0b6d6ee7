package dev.taskwire.benchmarks.diamond;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The diamond as a careful engineer writes it with {@code CompletableFuture}: the source runs on
 * the executor ({@code supplyAsync(.., executor)}, never the common pool), and dependents use the
 * non-async {@code thenApply}/{@code thenCombine}. A non-async stage runs on the thread that
 * completes its last input (or on the caller, if the input is already done when the stage is
 * attached), which costs no hand-off: the cheapest correct choice when task bodies are short and
 * never block. The price is that {@code b} and {@code c} run one after the other on {@code a}'s
 * thread instead of in parallel; with {@code thenApplyAsync(.., executor)} they could overlap, at
 * one executor hand-off each.
 */
final class DiamondFutures {
  private DiamondFutures() {}

  static CompletableFuture<Integer> start(Diamond p, Executor executor) {
    CompletableFuture<Integer> a = CompletableFuture.supplyAsync(p::a, executor);
    CompletableFuture<Integer> b = a.thenApply(p::b);
    CompletableFuture<Integer> c = a.thenApply(p::c);
    return b.thenCombine(c, p::d);
  }
}
