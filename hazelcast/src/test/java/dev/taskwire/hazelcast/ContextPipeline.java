package dev.taskwire.hazelcast;

import dev.taskwire.Distributed;
import dev.taskwire.Task;

/** A dispatched task that answers with the request id its member's thread holds while it runs. */
@Distributed
public class ContextPipeline {
  @Task
  static String seen() {
    return String.valueOf(RemoteContextTest.REQUEST.get());
  }
}
