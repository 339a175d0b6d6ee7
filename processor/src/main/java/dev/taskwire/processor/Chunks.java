package dev.taskwire.processor;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How the runner splits a large pipeline: its graph and its calls go into methods of {@link #SIZE}
 * tasks each, far below the JVM's 64 KB limit on a method's code, which one method for a thousand
 * tasks would exceed. A pipeline of at most {@link #SIZE} tasks is not split.
 */
final class Chunks {
  static final int SIZE = 100;

  private Chunks() {}

  static boolean split(ResolvedPipeline model) {
    return model.tasks().size() > SIZE;
  }

  /** The number of the first task of each chunk: 0, 100, 200, ... */
  static List<Integer> starts(ResolvedPipeline model) {
    return IntStream.iterate(0, from -> from < model.tasks().size(), from -> from + SIZE)
        .boxed()
        .toList();
  }

  /** The tasks of the chunk that starts at task number {@code from}. */
  static List<ResolvedTask> tasks(ResolvedPipeline model, int from) {
    return model.tasks().subList(from, Math.min(from + SIZE, model.tasks().size()));
  }

  /** The name of the chunk's method: {@code invoke100To199}. */
  static String methodName(String prefix, ResolvedPipeline model, int from) {
    int to = Math.min(from + SIZE, model.tasks().size()) - 1;
    return prefix + from + "To" + to;
  }
}
