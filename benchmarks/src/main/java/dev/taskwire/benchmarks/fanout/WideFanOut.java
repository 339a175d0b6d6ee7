package dev.taskwire.benchmarks.fanout;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * One fan-out over many elements with trivial bodies, sync and async, then a sum: what a {@code
 * ForEach} costs per element, with nothing else to measure.
 */
public class WideFanOut {
  final List<Integer> elements;

  public WideFanOut(int size) {
    this.elements = IntStream.range(0, size).boxed().toList();
  }

  /** The sum every contender must give. */
  long expected() {
    long size = elements.size();
    return size * (size + 1) / 2;
  }

  @Task
  List<Integer> elements() {
    return elements;
  }

  @Task
  Integer work(@ForEach("elements") Integer element) {
    return element + 1;
  }

  @Task
  CompletableFuture<Integer> workAsync(@ForEach("elements") Integer element) {
    return CompletableFuture.completedFuture(element + 1);
  }

  @Task
  long sum(@DependsOn("work") List<Integer> results) {
    return sumOf(results);
  }

  @Task
  long sumAsync(@DependsOn("workAsync") List<Integer> results) {
    return sumOf(results);
  }

  static long sumOf(List<Integer> results) {
    long sum = 0;
    for (Integer result : results) {
      sum += result;
    }
    return sum;
  }
}
