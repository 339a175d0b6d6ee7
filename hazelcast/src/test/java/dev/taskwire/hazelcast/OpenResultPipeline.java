package dev.taskwire.hazelcast;

import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.io.Serializable;

/**
 * Dispatched tasks declared to return an interface, so that the processor cannot know the class
 * they return (it warns about {@code point}); {@code allowedPoint} names it with {@code allow}.
 */
@Distributed
public class OpenResultPipeline {
  /** The class the tasks really return. */
  public record Point(int x, int y) implements Serializable {}

  @Task(retries = 2, backoff = "1ms")
  static Serializable point() {
    return new Point(1, 2);
  }

  @Task
  @Distributed(allow = Point.class)
  static Serializable allowedPoint() {
    return new Point(3, 4);
  }
}
