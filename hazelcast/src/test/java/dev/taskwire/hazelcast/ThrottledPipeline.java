package dev.taskwire.hazelcast;

import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

/** A dispatched fan-out of six squares, at most two in flight. */
@Distributed
public class ThrottledPipeline {
  @Task
  @Distributed(false)
  static List<Integer> numbers() {
    return List.of(0, 1, 2, 3, 4, 5);
  }

  @Task(maxConcurrency = 2)
  static Part square(@ForEach("numbers") Integer number) {
    return Part.computed((long) number * number);
  }
}
