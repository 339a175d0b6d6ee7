package dev.taskwire.hazelcast;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;

/** Another build of the test's FingerprintPipeline: describe takes a long. */
@Distributed
public class FingerprintPipeline {
  @Task static int count() {
    return 3;
  }

  @Task static String describe(@DependsOn long count) {
    return "count " + count;
  }
}
