package dev.taskwire.hazelcast;

import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.io.Serializable;

/** One dispatched task that returns its depth, or, if {@code overflow}, overflows its stack. */
@Distributed
public class OverflowPipeline implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean overflow;

  public OverflowPipeline(boolean overflow) {
    this.overflow = overflow;
  }

  @Task
  int depth() {
    return overflow ? deeper(0) : 1;
  }

  private static int deeper(int depth) {
    return deeper(depth + 1) + 1;
  }
}
