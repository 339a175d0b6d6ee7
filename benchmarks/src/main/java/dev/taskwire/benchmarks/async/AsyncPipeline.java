package dev.taskwire.benchmarks.async;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;

/**
 * The async shape: four remote calls ({@code a} to {@code d}, async tasks that each answer after 2
 * ms without holding a thread), two sync tasks combining them in pairs, and a sync sink.
 */
public class AsyncPipeline {
  /** What {@code sink} returns: ab = 1 + 3 * 2, cd = 3 + 3 * 4, sink = ab + 3 * cd. */
  public static final int EXPECTED = 52;

  private final SimulatedService service;

  public AsyncPipeline(SimulatedService service) {
    this.service = service;
  }

  @Task
  public CompletableFuture<Integer> a() {
    return service.call(1);
  }

  @Task
  public CompletableFuture<Integer> b() {
    return service.call(2);
  }

  @Task
  public CompletableFuture<Integer> c() {
    return service.call(3);
  }

  @Task
  public CompletableFuture<Integer> d() {
    return service.call(4);
  }

  @Task
  public int ab(@DependsOn("a") int a, @DependsOn("b") int b) {
    return a + 3 * b;
  }

  @Task
  public int cd(@DependsOn("c") int c, @DependsOn("d") int d) {
    return c + 3 * d;
  }

  @Task
  public int sink(@DependsOn("ab") int ab, @DependsOn("cd") int cd) {
    return ab + 3 * cd;
  }
}
