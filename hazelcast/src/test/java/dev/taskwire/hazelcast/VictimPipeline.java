package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.io.Serializable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Its first attempt of {@code victim} marks itself in an IMap (the test's signal that it is
 * running) and waits to be killed; every later attempt returns the member it ran on.
 */
@Distributed
public class VictimPipeline implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The IMap the first attempt marks, under {@link #runId}, with its member's UUID. */
  public static final String MARKS = "taskwire-test-marks";

  private final String runId;

  public VictimPipeline(String runId) {
    this.runId = runId;
  }

  @Task
  String victim() throws InterruptedException {
    HazelcastInstance member = MemberContext.instance().orElseThrow();
    String me = member.getCluster().getLocalMember().getUuid().toString();
    if (member.getMap(MARKS).putIfAbsent(runId, me) == null) {
      // Bounded only so that a broken test cannot leave a thread behind for ever.
      new CountDownLatch(1).await(2, TimeUnit.MINUTES);
      throw new IllegalStateException("the first attempt was not killed");
    }
    return me;
  }

  @Task
  static String after(@DependsOn String victim) {
    return "after " + victim;
  }
}
