package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member with a taskwire-hazelcast older than batches (its factory creates lone calls only)
 * cannot read a batch: the calls fail with a message that names the member and both ways out.
 */
class MemberWithoutBatchesTest {
  private static OddMember cluster;

  @BeforeAll
  static void startAMemberThatKnowsOnlyLoneCalls() {
    DataSerializableFactory loneCallsOnly =
        classId ->
            classId == TaskwireSerializerFactory.DISPATCHED_TASK ? new DispatchedTask() : null;
    cluster = OddMember.start("no-batches", loneCallsOnly);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aBatchFailsWithAMessageThatNamesTheMemberAndTheWaysOut() throws Exception {
    HeldSender sender = new HeldSender();
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(cluster.client).batchSize(4).dispatcherThreads(sender).build();
    BatchPipelineRunner.Execution execution =
        new BatchPipelineRunner(
                new BatchPipeline("old-member", 4, -1),
                RunOptions.defaults().dispatcher(dispatcher))
            .start();
    HeldSender.awaitWaiting(dispatcher, 4);
    sender.release();
    // The first call failed stops the run, which cancels the other three on the client's thread
    // that read the failure: a cancel sent to the member from there would wait for ever.
    PipelineException failure =
        assertTimeoutPreemptively(
            Duration.ofMinutes(1), () -> assertThrows(PipelineException.class, execution::await));

    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertEquals(
        "member "
            + cluster.address()
            + " cannot read a batch of calls (task 'square' of "
            + BatchPipeline.class.getCanonicalName()
            + "): its taskwire-hazelcast is older than batches; put the driver's version on every"
            + " member, or send each call alone (batchSize 1)",
        cause.getMessage());
  }

  @Test
  void loneCallsStillRunThere() {
    assertEquals(
        14,
        new BatchPipelineRunner(
                new BatchPipeline("old-member-lone", 4, -1),
                RunOptions.defaults()
                    .dispatcher(HazelcastDispatcher.builder(cluster.client).build()))
            .run()
            .total());
  }
}
