package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member configured without taskwire's {@link TaskwireSerializerFactory} cannot read a call: the
 * task fails at once (no re-run as if its member were lost), with a message that names the member
 * and the fix.
 */
class MissingFactoryTest {
  private static OddMember cluster;

  @BeforeAll
  static void startAMemberWithoutTheFactory() {
    cluster = OddMember.start("no-factory", null);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void theTaskFailsWithAMessageThatNamesTheMemberAndTheFix() {
    RecordingListener listener = new RecordingListener();
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () ->
                new FingerprintPipelineRunner(
                        new FingerprintPipeline(),
                        RunOptions.defaults()
                            .listener(listener)
                            .dispatcher(HazelcastDispatcher.builder(cluster.client).build()))
                    .run());

    assertEquals("count", failure.failedTask());
    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertTrue(
        cause
            .getMessage()
            .startsWith(
                "member "
                    + cluster.address()
                    + " cannot read task 'count' of "
                    + FingerprintPipeline.class.getCanonicalName()
                    + ": its serialization config lacks taskwire's TaskwireSerializerFactory"),
        cause.getMessage());
    assertTrue(
        cause.getMessage().contains("HazelcastConfigs.configureSerialization("),
        cause.getMessage());
    assertEquals(List.of(1), listener.attemptsStarted("count"));
  }
}
