package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.RunOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remote form of a run's context: a driver's {@link ContextPropagator.Remote} sends fields with
 * each dispatched call, and the member's, set with {@link HazelcastConfigs#propagate}, restores
 * them around the task on the member's thread and takes them away after it.
 */
class RemoteContextTest {
  static final ThreadLocal<String> REQUEST = new ThreadLocal<>();

  /** What the member's propagator was asked to restore: "pipeline task attempt fields". */
  private static final List<String> restored = new CopyOnWriteArrayList<>();

  private static HazelcastInstance member;
  private static HazelcastInstance client;

  /** On both sides: captures and sends REQUEST, and restores it from the fields. */
  private static class RequestPropagator implements ContextPropagator, ContextPropagator.Remote {
    @Override
    public Snapshot capture() {
      String request = REQUEST.get();
      return () -> set(request);
    }

    @Override
    public void inject(Map<String, String> fields) {
      fields.put("request", REQUEST.get());
    }

    @Override
    public Scope restore(Map<String, String> fields, String pipeline, String task, int attempt) {
      restored.add(pipeline + " " + task + " " + attempt + " " + fields);
      return set(fields.get("request"));
    }

    private static Scope set(String request) {
      String before = REQUEST.get();
      REQUEST.set(request);
      return () -> REQUEST.set(before);
    }
  }

  @BeforeAll
  static void startCluster() {
    String name = "taskwire-RemoteContextTest-" + ProcessHandle.current().pid();
    int port = LoopbackConfig.freePort();
    ContextPropagator.Remote broken =
        new RequestPropagator() {
          @Override
          public Scope restore(
              Map<String, String> fields, String pipeline, String task, int attempt) {
            throw new IllegalStateException("broken member propagator");
          }
        };
    member =
        Hazelcast.newHazelcastInstance(
            HazelcastConfigs.propagate(
                LoopbackConfig.member(name, port, List.of(port)), broken, new RequestPropagator()));
    client =
        com.hazelcast.client.HazelcastClient.newHazelcastClient(
            LoopbackConfig.client(name, List.of(port)));
  }

  @AfterAll
  static void stopCluster() {
    client.shutdown();
    member.getLifecycleService().terminate();
  }

  private static String seenOnTheMember(RunOptions options) {
    return new ContextPipelineRunner(
            new ContextPipeline(), options.dispatcher(HazelcastDispatcher.builder(client).build()))
        .run()
        .seen();
  }

  @Test
  void theMemberRestoresTheDriversFieldsAroundTheTaskAndTakesThemAwayAfter() {
    restored.clear();
    REQUEST.set("req-9");
    try {
      assertEquals(
          "req-9", seenOnTheMember(RunOptions.defaults().propagate(new RequestPropagator())));
    } finally {
      REQUEST.remove();
    }
    assertEquals(
        List.of(ContextPipeline.class.getCanonicalName() + " seen 1 {request=req-9}"), restored);

    // A run that sends no fields: the member's thread holds nothing of the last call.
    assertEquals("null", seenOnTheMember(RunOptions.defaults()));
  }
}
