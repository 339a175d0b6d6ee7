package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.remote.WorkerLostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A member terminated while it runs a task: the task runs again on another member. */
class MemberLossTest {
  @RegisterExtension static final HazelcastCluster cluster = HazelcastCluster.ofMembers(3);

  @Test
  void aMemberTerminatedMidTaskHasTheTaskReRunElsewhere() throws Exception {
    HazelcastInstance driver = cluster.newLiteMember();
    String runId = "terminate-" + System.nanoTime();
    CompletableFuture<String> mark = Marks.awaitMark(driver, runId);
    RecordingListener listener = new RecordingListener();
    VictimPipelineRunner.Execution execution =
        new VictimPipelineRunner(
                new VictimPipeline(runId),
                RunOptions.defaults()
                    .listener(listener)
                    .dispatcher(HazelcastDispatcher.builder(driver).build()))
            .start();

    String victim = Marks.await(mark, Duration.ofMinutes(1));
    HazelcastInstance victimMember =
        cluster.members().stream()
            .filter(
                member -> member.getCluster().getLocalMember().getUuid().toString().equals(victim))
            .findFirst()
            .orElseThrow();
    victimMember.getLifecycleService().terminate();
    VictimPipelineRunner.Results results = execution.await();

    assertNotEquals(victim, results.victim());
    assertEquals("after " + results.victim(), results.after());
    List<TaskEvent> retried = listener.retried;
    assertEquals(1, retried.size(), retried::toString);
    assertInstanceOf(WorkerLostException.class, retried.get(0).error());
    assertEquals(List.of(1, 2), listener.attemptsStarted("victim"));
  }
}
