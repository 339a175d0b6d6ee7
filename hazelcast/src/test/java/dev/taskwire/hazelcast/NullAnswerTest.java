package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A faulty member that answers a call with null instead of its reply: the call fails with a message
 * that names the member, rather than waiting for ever.
 */
class NullAnswerTest {
  private static OddMember cluster;

  @BeforeAll
  static void startAFaultyMember() {
    cluster =
        OddMember.start(
            "null-answer",
            classId -> new StandIn(TaskwireSerializerFactory.DISPATCHED_TASK, () -> null));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void theCallFailsWithAMessageThatNamesTheMember() {
    PipelineException failure =
        assertTimeoutPreemptively(
            Duration.ofMinutes(1),
            () ->
                assertThrows(
                    PipelineException.class,
                    () ->
                        new FingerprintPipelineRunner(
                                new FingerprintPipeline(),
                                RunOptions.defaults()
                                    .dispatcher(
                                        HazelcastDispatcher.builder(cluster.client).build()))
                            .run()));

    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertEquals(
        "member "
            + cluster.address()
            + " answered a call (task 'count' of "
            + FingerprintPipeline.class.getCanonicalName()
            + ") with null, not its reply",
        cause.getMessage());
  }
}
