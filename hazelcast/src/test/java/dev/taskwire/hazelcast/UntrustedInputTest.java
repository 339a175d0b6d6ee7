package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.serial.AllowList;
import dev.taskwire.runtime.serial.RejectedClassException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a member and a driver do with input that did not come from taskwire: anyone who reaches a
 * member can send it a call, and a member can send anything back. Each is read only as the classes
 * the task declares, within limits, and refused before any other class is created.
 */
class UntrustedInputTest {
  @RegisterExtension static final HazelcastCluster cluster = HazelcastCluster.ofMembers(1);

  private static final String PIPELINE = SpreadPipeline.class.getName();

  /** A Serializable class on the members' class path whose readObject does something. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean READ = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READ.set(true);
    }
  }

  /** The same, as a Callable, sent to a member's executor without taskwire's envelope. */
  static final class GadgetCall implements Callable<String>, Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean READ = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READ.set(true);
    }

    @Override
    public String call() {
      return "ran";
    }
  }

  @BeforeEach
  void reset() {
    Gadget.READ.set(false);
    GadgetCall.READ.set(false);
  }

  private static byte[] payload(Object instance, Object[] arguments) throws IOException {
    return CallPayload.write(instance, arguments);
  }

  /** Sends {@code payload} for task {@code part0} straight to the member and reads its reply. */
  private static Object sendStraightToTheMember(byte[] payload) throws Throwable {
    HazelcastInstance client = cluster.newClient();
    Member member = cluster.members().get(0).getCluster().getLocalMember();
    DispatchedTask call =
        DispatchedTask.of(PIPELINE, SpreadPipelineRunner.GRAPH.fingerprint(), "part0", 1, payload);
    byte[] reply =
        client
            .getExecutorService("taskwire")
            .submitToMember(call, member)
            .get(30, TimeUnit.SECONDS);
    return CallReply.read(reply, partCall(), UntrustedInputTest.class.getClassLoader());
  }

  private static RemoteCall partCall() {
    return new RemoteCall(
        PIPELINE,
        SpreadPipelineRunner.GRAPH.fingerprint(),
        "part0",
        1,
        null,
        new Object[0],
        Part.class,
        AllowList.of("the result of task 'part0' of " + PIPELINE, Set.of(Part.class.getName())),
        Map.of());
  }

  @Test
  void aForeignClassInACallIsRefusedBeforeItIsCreatedAndTheTaskNeverRuns() {
    RejectedClassException refused =
        assertThrows(
            RejectedClassException.class,
            () -> sendStraightToTheMember(payload(new Gadget(), new Object[] {new int[] {1}})));
    assertEquals(Gadget.class.getName(), refused.className());
    assertEquals("a call of task 'part0' of " + PIPELINE, refused.what());
    assertFalse(Gadget.READ.get(), "the foreign class's readObject ran on the member");
  }

  @Test
  void aForeignClassAmongTheArgumentsIsRefusedToo() {
    RejectedClassException refused =
        assertThrows(
            RejectedClassException.class,
            () ->
                sendStraightToTheMember(
                    payload(new SpreadPipeline(3), new Object[] {List.of(new Gadget())})));
    assertEquals(Gadget.class.getName(), refused.className());
    assertFalse(Gadget.READ.get());
  }

  @Test
  void aCallNestedTooDeepIsRefused() {
    List<Object> nested = new ArrayList<>();
    for (int i = 0; i < AllowList.MAX_DEPTH + 50; i++) {
      nested = new ArrayList<>(List.of(nested));
    }
    Object deep = nested;
    RejectedClassException refused =
        assertThrows(
            RejectedClassException.class,
            () -> sendStraightToTheMember(payload(null, new Object[] {deep})));
    assertTrue(refused.getMessage().contains("objects deep in a call of task 'part0'"));
  }

  @Test
  void aCallWithAnArrayLongerThanItCouldHoldIsRefusedBeforeItIsAllocated() throws IOException {
    byte[] payload = payload(null, new Object[] {new int[] {7}});
    // The payload ends with the int[]'s length and its one element, 4 bytes each.
    int at = payload.length - 8;
    payload[at] = (byte) 0x7f; // 2,130,706,433 elements
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> sendStraightToTheMember(payload));
    assertEquals("[I", refused.className());
    assertTrue(refused.getMessage().contains("an array of 2130706433 elements"));
  }

  @Test
  void aJavaSerializedArgumentWithAnArrayLongerThanItCouldHoldIsRefusedBeforeItIsAllocated()
      throws IOException {
    // An int[] inside a List goes Java-serialized, and is read through the call's allow-list.
    byte[] payload = payload(null, new Object[] {List.of(new int[] {7})});
    byte[] lengthAndElement = {0, 0, 0, 1, 0, 0, 0, 7};
    int at = indexOf(payload, lengthAndElement);
    assertTrue(at > 0, "no int[] of one element 7 in the payload");
    payload[at] = (byte) 0x7f; // 2,130,706,433 elements
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> sendStraightToTheMember(payload));
    assertEquals("[I", refused.className());
    assertEquals("a call of task 'part0' of " + PIPELINE, refused.what());
    assertTrue(refused.getMessage().contains("an array of 2130706433 elements"));
  }

  @Test
  void aStringArgumentLongerThanTheCallIsRefusedBeforeItIsAllocated() throws IOException {
    byte[] payload = payload(null, new Object[] {"text"});
    // The payload ends with the string's length (4 bytes) and its 4 bytes.
    payload[payload.length - 8] = (byte) 0x7f;
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> sendStraightToTheMember(payload));
    assertEquals(String.class.getName(), refused.className());
    assertTrue(refused.getMessage().contains("an array of 2130706436 elements"));
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void theDriverReportsARefusedCallAsTheTasksFailure() {
    HazelcastDispatcher dispatcher = HazelcastDispatcher.builder(cluster.newClient()).build();
    RemoteCall call =
        new RemoteCall(
            PIPELINE,
            SpreadPipelineRunner.GRAPH.fingerprint(),
            "part0",
            1,
            new Gadget(),
            new Object[] {new int[] {1}},
            Part.class,
            AllowList.of("the result of task 'part0' of " + PIPELINE, Set.of(Part.class.getName())),
            Map.of());
    CompletionException failed =
        assertThrows(
            CompletionException.class,
            () -> dispatcher.dispatch(call).toCompletableFuture().join());
    RejectedClassException refused =
        assertInstanceOf(RejectedClassException.class, failed.getCause());
    assertEquals(
        Gadget.class.getName()
            + "; not allowed in a call of task 'part0' of "
            + PIPELINE
            + ", which may hold [dev.taskwire.hazelcast.SpreadPipeline] and the JDK's values and"
            + " collections; if it belongs there, allow it with @Distributed(allow = ...) or"
            + " RunOptions.allowDeserializing(...)",
        refused.getMessage());
    assertFalse(Gadget.READ.get());
  }

  @Test
  void hazelcastItselfRefusesAnyOtherJavaSerializedCall() {
    HazelcastInstance client = cluster.newClient();
    Member member = cluster.members().get(0).getCluster().getLocalMember();
    ExecutionException refused =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .getExecutorService("taskwire")
                    .submitToMember(new GadgetCall(), member)
                    .get(30, TimeUnit.SECONDS));
    assertTrue(
        String.valueOf(refused.getCause()).contains(GadgetCall.class.getName()),
        String.valueOf(refused.getCause()));
    assertFalse(GadgetCall.READ.get(), "Hazelcast deserialized the foreign callable");
  }

  @Test
  void aResultOfAClassTheTaskDoesNotDeclareIsRefusedOnTheDriverAndNotRetried() {
    RecordingListener listener = new RecordingListener();
    RunOptions options =
        RunOptions.defaults()
            .onFailure(FailurePolicy.KEEP_GOING)
            .listener(listener)
            .dispatcher(HazelcastDispatcher.builder(cluster.newClient()).build());
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () -> new OpenResultPipelineRunner(new OpenResultPipeline(), options).run());
    RejectedClassException refused =
        assertInstanceOf(RejectedClassException.class, failure.failures().get("point"));
    assertEquals(OpenResultPipeline.Point.class.getName(), refused.className());
    assertEquals(
        "the result of task 'point' of " + OpenResultPipeline.class.getCanonicalName(),
        refused.what());
    assertEquals(List.of(1), listener.attemptsStarted("point"));
    // @Distributed(allow = Point.class) on the other task lets its result through.
    assertEquals(
        new OpenResultPipeline.Point(3, 4),
        OpenResultPipelineRunner.partialResults(failure).allowedPoint());
  }

  @Test
  void theDriverAcceptsWhatItsOptionsAllow() {
    RunOptions options =
        RunOptions.defaults()
            .allowDeserializing(OpenResultPipeline.Point.class)
            .dispatcher(HazelcastDispatcher.builder(cluster.newClient()).build());
    OpenResultPipelineRunner.Results results =
        new OpenResultPipelineRunner(new OpenResultPipeline(), options).run();
    assertEquals(new OpenResultPipeline.Point(1, 2), results.point());
  }
}
