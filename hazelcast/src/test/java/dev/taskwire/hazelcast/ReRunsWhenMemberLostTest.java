package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleService;
import com.hazelcast.core.MemberLeftException;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.remote.WorkerLostException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A task whose member is lost runs again, up to 3 times by default ({@code rerunsWhenMemberLost}):
 * README, Failure semantics. No cluster: the dispatcher is given a Hazelcast instance of one data
 * member whose every call fails as a call to a member that left does, with a {@link
 * MemberLeftException}, so that each attempt is lost and the cap alone ends the task.
 */
class ReRunsWhenMemberLostTest {
  /** Calls beyond this many are not lost but fail the task outright, ending an uncapped run. */
  private static final int MAX_SENT = 10;

  /** The calls the members were sent. */
  private final AtomicInteger sent = new AtomicInteger();

  private final HazelcastInstance alwaysLost = alwaysLosingInstance();

  @Test
  void byDefaultALostTaskRunsThreeTimesMoreThenFailsWithWorkerLostException() {
    HazelcastDispatcher dispatcher = HazelcastDispatcher.builder(alwaysLost).build();
    assertEquals(3, dispatcher.rerunsWhenWorkerLost());

    RecordingListener listener = new RecordingListener();
    PipelineException failure = run(dispatcher, listener);

    assertEquals(4, sent.get());
    assertEquals("victim", failure.failedTask());
    assertInstanceOf(WorkerLostException.class, failure.getCause());
    assertTrue(
        failure
            .getCause()
            .getMessage()
            .startsWith(
                "the member running attempt 4 of task 'victim' of"
                    + " dev.taskwire.hazelcast.VictimPipeline was lost: "),
        failure.getCause().getMessage());
    assertEquals(List.of(1, 2, 3, 4), listener.attemptsStarted("victim"));
    assertEquals(3, listener.retried.size(), listener.retried::toString);
    for (TaskEvent retried : listener.retried) {
      assertInstanceOf(WorkerLostException.class, retried.error());
    }
  }

  @Test
  void theCapIsTheBuildersSetting() {
    HazelcastDispatcher dispatcher =
        HazelcastDispatcher.builder(alwaysLost).rerunsWhenMemberLost(1).build();
    assertEquals(1, dispatcher.rerunsWhenWorkerLost());

    RecordingListener listener = new RecordingListener();
    PipelineException failure = run(dispatcher, listener);

    assertEquals(2, sent.get());
    assertInstanceOf(WorkerLostException.class, failure.getCause());
    assertEquals(List.of(1, 2), listener.attemptsStarted("victim"));
  }

  private static PipelineException run(HazelcastDispatcher dispatcher, RecordingListener listener) {
    return assertThrows(
        PipelineException.class,
        () ->
            new VictimPipelineRunner(
                    new VictimPipeline("never-runs"),
                    RunOptions.defaults().listener(listener).dispatcher(dispatcher))
                .run());
  }

  /**
   * A running instance in a cluster of one data member, whose executor answers every call with a
   * failed future, as Hazelcast's does for a call whose member left. What the dispatcher asks
   * beyond that fails the test, naming the method.
   */
  private HazelcastInstance alwaysLosingInstance() {
    Member member = fake(Member.class, Map.of("isLiteMember", args -> false));
    IExecutorService executor =
        fake(
            IExecutorService.class,
            Map.of(
                "getName", args -> "taskwire",
                "submitToMember",
                    args ->
                        CompletableFuture.failedFuture(
                            sent.incrementAndGet() <= MAX_SENT
                                ? new MemberLeftException(member)
                                // Without a cap the run would re-run the task for ever.
                                : new IllegalStateException("more than " + MAX_SENT + " calls"))));
    Cluster cluster = fake(Cluster.class, Map.of("getMembers", args -> Set.of(member)));
    LifecycleService lifecycle = fake(LifecycleService.class, Map.of("isRunning", args -> true));
    return fake(
        HazelcastInstance.class,
        Map.of(
            "getName", args -> "always-lost",
            "getExecutorService", args -> executor,
            "getCluster", args -> cluster,
            "getLifecycleService", args -> lifecycle));
  }

  private static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              Function<Object[], Object> answer = answers.get(method.getName());
              if (answer != null) {
                return answer.apply(args);
              }
              return switch (method.getName()) {
                case "toString" -> "fake " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default ->
                    throw new AssertionError(
                        "the fake " + type.getSimpleName() + " has no " + method.getName());
              };
            }));
  }
}
