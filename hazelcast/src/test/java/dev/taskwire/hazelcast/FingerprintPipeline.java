package dev.taskwire.hazelcast;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;

/**
 * A pipeline of which a test compiles a different build (resources/variant/, where {@code describe}
 * takes a {@code long}), to give a member another graph fingerprint.
 */
@Distributed
public class FingerprintPipeline {
  @Task
  static int count() {
    return 3;
  }

  @Task
  static String describe(@DependsOn int count) {
    return "count " + count;
  }
}
