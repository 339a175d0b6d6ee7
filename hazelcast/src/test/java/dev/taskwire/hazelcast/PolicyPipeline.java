package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.CountDownLatch;

/** A flaky task that needs its retry, one that times out, one that throws: all dispatched. */
@Distributed
public class PolicyPipeline implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runId;

  public PolicyPipeline(String runId) {
    this.runId = runId;
  }

  @Task(retries = 2, backoff = "10ms")
  String flaky() throws IOException {
    HazelcastInstance member = MemberContext.instance().orElseThrow();
    if (member.getMap("taskwire-test-attempts").putIfAbsent(runId, "tried") == null) {
      throw new IOException("the first attempt of flaky fails");
    }
    return "flaky succeeded";
  }

  @Task(timeout = "300ms")
  String slow() throws InterruptedException {
    new CountDownLatch(1).await(); // until the timeout cancels it on the member
    return "never";
  }

  @Task
  String failing() {
    throw new IllegalStateException("failing fails on " + MemberContext.member().orElseThrow());
  }
}
