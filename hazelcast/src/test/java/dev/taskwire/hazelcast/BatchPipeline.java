package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A dispatched fan-out: each number is squared on a member. The first attempt of the {@code victim}
 * element marks itself in {@link VictimPipeline#MARKS} under the run id and waits to be killed, as
 * {@link VictimPipeline#victim} does; -1 for none.
 */
@Distributed
public class BatchPipeline implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final int size;
  private final int victim;

  public BatchPipeline(String runId, int size, int victim) {
    this.runId = runId;
    this.size = size;
    this.victim = victim;
  }

  @Task
  @Distributed(false)
  List<Integer> numbers() {
    return IntStream.range(0, size).boxed().toList();
  }

  @Task
  Part square(@ForEach("numbers") Integer number) throws InterruptedException {
    if (number == victim) {
      HazelcastInstance member = MemberContext.instance().orElseThrow();
      String me = member.getCluster().getLocalMember().getUuid().toString();
      if (member.getMap(VictimPipeline.MARKS).putIfAbsent(runId, me) == null) {
        // Bounded only so that a broken test cannot leave a thread behind for ever.
        new CountDownLatch(1).await(2, TimeUnit.MINUTES);
        throw new IllegalStateException("the first attempt was not killed");
      }
    }
    return Part.computed((long) number * number);
  }

  @Task
  @Distributed(false)
  static long total(@DependsOn("square") List<Part> squares) {
    return squares.stream().mapToLong(Part::value).sum();
  }
}
