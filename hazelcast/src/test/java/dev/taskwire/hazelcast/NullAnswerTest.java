package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A faulty member that answers a call with null instead of its reply: the call fails with a message
 * that names the member, rather than waiting for ever.
 */
class NullAnswerTest {
  private static HazelcastInstance member;
  private static HazelcastInstance client;

  /** Read where a call should be, and answers null. */
  static final class NullAnswer implements IdentifiedDataSerializable, Callable<Object> {
    @Override
    public Object call() {
      return null;
    }

    @Override
    public int getFactoryId() {
      return TaskwireSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
      return TaskwireSerializerFactory.DISPATCHED_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
  }

  @BeforeAll
  static void startAFaultyMember() {
    String cluster = "taskwire-null-answer-" + ProcessHandle.current().pid();
    int port = LoopbackConfig.freePort();
    Config config = LoopbackConfig.member(cluster, port, List.of(port));
    config
        .getSerializationConfig()
        .getDataSerializableFactories()
        .put(TaskwireSerializerFactory.FACTORY_ID, classId -> new NullAnswer());
    member = Hazelcast.newHazelcastInstance(config);
    client = HazelcastClient.newHazelcastClient(LoopbackConfig.client(cluster, List.of(port)));
  }

  @AfterAll
  static void stop() {
    client.shutdown();
    member.getLifecycleService().terminate();
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
                                    .dispatcher(HazelcastDispatcher.builder(client).build()))
                            .run()));

    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertEquals(
        "member "
            + member.getCluster().getLocalMember().getAddress()
            + " answered a call (task 'count' of "
            + FingerprintPipeline.class.getCanonicalName()
            + ") with null, not its reply",
        cause.getMessage());
  }
}
