package dev.taskwire.processor;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How the generated classes split a large pipeline: its tasks go, in declaration order, into chunks
 * of {@link #size()} tasks each, and each chunk becomes a nested class ({@code Tasks300To599}) that
 * adds its tasks to the graph and calls them. No method then comes near the JVM's 64 KB limit on a
 * method's code, nor any class near its limit of 65,534 constants, whatever the number of tasks.
 *
 * <p>What a task costs in code grows with its parameters, so a chunk is measured by {@link
 * #weight}, at most about 16 bytes of code a unit, rather than by its number of tasks. Every chunk
 * has the same number of tasks, so that a task's chunk is {@code task / size}; the size is the
 * largest for which no chunk weighs more than {@link #MAX_WEIGHT}. A pipeline that weighs no more
 * than that is not split.
 */
final class Chunks {
  /**
   * The most one chunk may weigh: a hundred tasks of two parameters or two hundred of none, about 4
   * and 6 KB of code in its largest method and at most 6.5 KB, below the 8,000 bytes above which
   * HotSpot never compiles a method (and far below the 64 KB that javac allows).
   */
  static final int MAX_WEIGHT = 400;

  private final List<ResolvedTask> tasks;
  private final int size;

  private Chunks(List<ResolvedTask> tasks, int size) {
    this.tasks = tasks;
    this.size = size;
  }

  static Chunks of(ResolvedPipeline model, Distribution distribution) {
    List<ResolvedTask> tasks = model.tasks();
    int[] weightBefore = new int[tasks.size() + 1];
    for (int i = 0; i < tasks.size(); i++) {
      weightBefore[i + 1] = weightBefore[i] + weight(tasks.get(i), distribution);
    }
    int size = Math.max(1, Math.min(tasks.size(), MAX_WEIGHT));
    while (size > 1 && !fits(weightBefore, size)) {
      size--;
    }
    return new Chunks(tasks, size);
  }

  /**
   * What a task costs in each of its chunk's methods, in units of at most about 16 bytes: two for
   * the task (adding a task of no parameters to the graph takes 21 to 30 bytes), one per parameter
   * (which the call reads and the graph lists), twice that for a {@code @Distributed} task (whose
   * arguments are also packed for the dispatcher), and a few for a policy.
   */
  static int weight(ResolvedTask task, Distribution distribution) {
    int parameters = task.dependencies().size();
    int weight = 2 + (distribution.isDispatched(task.name()) ? 2 * parameters : parameters);
    TaskSettings settings = task.settings();
    return settings.isNone() ? weight : weight + 4 + settings.retryOn().size();
  }

  /** Whether no chunk of {@code size} tasks weighs more than {@link #MAX_WEIGHT}. */
  private static boolean fits(int[] weightBefore, int size) {
    int tasks = weightBefore.length - 1;
    for (int from = 0; from < tasks; from += size) {
      int to = Math.min(from + size, tasks);
      if (weightBefore[to] - weightBefore[from] > MAX_WEIGHT) {
        return false;
      }
    }
    return true;
  }

  /** Whether the pipeline is split: whether it has more than one chunk. */
  boolean split() {
    return size < tasks.size();
  }

  /** The number of tasks in each chunk, the last one excepted. */
  int size() {
    return size;
  }

  /** The number of chunks. */
  int count() {
    return (tasks.size() + size - 1) / size;
  }

  /** The number of the first task of each chunk: 0, 100, 200, ... */
  List<Integer> starts() {
    return IntStream.iterate(0, from -> from < tasks.size(), from -> from + size).boxed().toList();
  }

  /** The tasks of the chunk that starts at task number {@code from}. */
  List<ResolvedTask> tasks(int from) {
    return tasks.subList(from, Math.min(from + size, tasks.size()));
  }

  /** The number of the chunk that starts at task number {@code from}: {@code from / size}. */
  int number(int from) {
    return from / size;
  }

  /** The name of the chunk's class: {@code Tasks300To599}. */
  String className(int from) {
    int to = Math.min(from + size, tasks.size()) - 1;
    return "Tasks" + from + "To" + to;
  }
}
