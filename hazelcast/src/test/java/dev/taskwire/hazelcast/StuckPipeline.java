package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A dispatched fan-out of two elements that never finish on their own: each marks {@code
 * "<runId>:<element>"} in {@link VictimPipeline#MARKS} as {@code "started"}, waits until it is
 * interrupted, then marks it {@code "interrupted"} and gives up: it throws the
 * InterruptedException, or, if {@code returnsInterrupted}, returns as a task that cannot stop
 * midway would, with its thread's interrupt status set again.
 */
@Distributed
public class StuckPipeline implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final boolean returnsInterrupted;

  public StuckPipeline(String runId, boolean returnsInterrupted) {
    this.runId = runId;
    this.returnsInterrupted = returnsInterrupted;
  }

  @Task
  @Distributed(false)
  static List<Integer> elements() {
    return List.of(0, 1);
  }

  @Task
  String stuck(@ForEach("elements") Integer element) throws InterruptedException {
    HazelcastInstance member = MemberContext.instance().orElseThrow();
    member.getMap(VictimPipeline.MARKS).put(runId + ":" + element, "started");
    try {
      // Bounded only so that a broken test cannot leave a thread behind for ever.
      new CountDownLatch(1).await(2, TimeUnit.MINUTES);
      return "not interrupted";
    } catch (InterruptedException interrupted) {
      member.getMap(VictimPipeline.MARKS).put(runId + ":" + element, "interrupted");
      if (returnsInterrupted) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
      throw interrupted;
    }
  }
}
