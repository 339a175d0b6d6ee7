package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
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
  private static HazelcastInstance member;
  private static HazelcastInstance client;

  @BeforeAll
  static void startAMemberWithoutTheFactory() {
    String cluster = "taskwire-no-factory-" + ProcessHandle.current().pid();
    int port = LoopbackConfig.freePort();
    Config config = LoopbackConfig.member(cluster, port, List.of(port));
    config
        .getSerializationConfig()
        .getDataSerializableFactories()
        .remove(TaskwireSerializerFactory.FACTORY_ID);
    member = Hazelcast.newHazelcastInstance(config);
    client = HazelcastClient.newHazelcastClient(LoopbackConfig.client(cluster, List.of(port)));
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    member.getLifecycleService().terminate();
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
                            .dispatcher(HazelcastDispatcher.builder(client).build()))
                    .run());

    assertEquals("count", failure.failedTask());
    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertTrue(
        cause
            .getMessage()
            .startsWith(
                "member "
                    + member.getCluster().getLocalMember().getAddress()
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
