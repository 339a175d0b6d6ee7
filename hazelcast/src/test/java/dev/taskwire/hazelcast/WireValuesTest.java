package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.serial.AllowList;
import dev.taskwire.runtime.serial.RejectedClassException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The form of their own in which calls and replies carry the JDK's simplest values, on its own and
 * through Hazelcast: each kind comes back equal, and input that claims more than it holds is
 * refused.
 */
class WireValuesTest {
  @RegisterExtension static final HazelcastCluster cluster = HazelcastCluster.ofMembers(2);

  private static final String WHAT = "a call of task 'echo' of app.Pipeline";

  private static final List<Object> VALUES =
      Arrays.asList(
          null,
          "",
          "plain é ✓ \u0000 \uD83D\uDE00",
          Integer.MIN_VALUE,
          Long.MAX_VALUE,
          -0.0,
          Double.NaN,
          true,
          false,
          new byte[] {1, -2, 3},
          new int[] {Integer.MAX_VALUE, -7},
          new long[] {Long.MIN_VALUE},
          new double[] {1.25, Double.NEGATIVE_INFINITY},
          new byte[0]);

  @Test
  void everyKindComesBackEqualWithTheSizeItAnnounced() throws IOException {
    for (Object value : VALUES) {
      byte tag = WireValues.tagOf(value);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      WireValues.write(new DataOutputStream(bytes), value, tag);
      assertEquals(WireValues.size(value, tag), bytes.size(), () -> describe(value));

      WireValues.ByteInput in = new WireValues.ByteInput(bytes.toByteArray(), 1);
      Object read = WireValues.read(in, bytes.toByteArray()[0], WHAT);
      assertTrue(Arrays.deepEquals(new Object[] {value}, new Object[] {read}), describe(value));
      assertEquals(0, in.left());
    }
  }

  @Test
  void everyOtherValueGoesJavaSerialized() {
    for (Object value : List.of(new Part(1, "m"), List.of(1), 'c', 1.5f, (short) 2, new char[1])) {
      assertEquals(WireValues.JAVA, WireValues.tagOf(value), () -> describe(value));
    }
  }

  @Test
  void everyClassOfItsOwnIsOneThatEveryAllowListAdmits() {
    AllowList empty = AllowList.of(WHAT, Set.of());
    for (Class<?> type : WireValues.CLASSES) {
      assertTrue(empty.allows(type), type::getName);
    }
    for (Object value : VALUES) {
      if (value != null) {
        assertTrue(WireValues.CLASSES.contains(value.getClass()), () -> describe(value));
      }
    }
  }

  @ParameterizedTest(name = "tag {0}")
  @ValueSource(bytes = {WireValues.BYTES, WireValues.INTS, WireValues.LONGS, WireValues.STRING})
  void aLengthLongerThanTheInputHoldsIsRefusedBeforeAnythingIsAllocated(byte tag) {
    // A length of 2^31 - 1 and three bytes after it.
    byte[] input = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    RejectedClassException refused =
        assertThrows(
            RejectedClassException.class,
            () -> WireValues.read(new WireValues.ByteInput(input, 0), tag, WHAT));
    assertEquals(WHAT, refused.what());
    assertTrue(
        refused.getMessage().contains("an array of 2147483647 elements in " + WHAT),
        refused.getMessage());
  }

  @Test
  void aNegativeLengthAndAnUnknownTagAreRefused() {
    byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};
    assertThrows(
        RejectedClassException.class,
        () -> WireValues.read(new WireValues.ByteInput(negative, 0), WireValues.BYTES, WHAT));
    assertThrows(
        StreamCorruptedException.class,
        () -> WireValues.read(new WireValues.ByteInput(negative, 0), (byte) 99, WHAT));
  }

  @Test
  void aPayloadReadsBackWithItsJavaSectionLeftForTheAllowList() throws Exception {
    Part part = new Part(7, "x");
    Object[] arguments = {new byte[] {4, 5}, part, "text", null};
    byte[] written = CallPayload.write(new ValuesPipeline("instance"), arguments);

    CallPayload read =
        CallPayload.readFrom(new DataInputStream(new ByteArrayInputStream(written)), WHAT);
    assertArrayEquals(new byte[] {4, 5}, (byte[]) read.arguments()[0]);
    assertEquals("text", read.arguments()[2]);
    assertNull(read.arguments()[3]);

    read.resolve(new ValuesPipelineRemoteTasks(), "mixed");
    assertEquals(ValuesPipeline.class, read.instance().getClass());
    assertEquals(part, read.arguments()[1]);
  }

  @Test
  void aClusterRunGivesTheResultsOfALocalRunForEveryKindOfValue() {
    ValuesPipeline pipeline = new ValuesPipeline("label");
    ValuesPipelineRunner.Results local = new ValuesPipelineRunner(pipeline).run();
    for (HazelcastInstance driver : List.of(cluster.newClient(), cluster.newLiteMember())) {
      ValuesPipelineRunner.Results remote =
          new ValuesPipelineRunner(
                  pipeline,
                  RunOptions.defaults().dispatcher(HazelcastDispatcher.builder(driver).build()))
              .run();
      assertEquals(local.echoText(), remote.echoText());
      assertArrayEquals(local.echoBytes(), remote.echoBytes());
      assertArrayEquals(local.echoInts(), remote.echoInts());
      assertArrayEquals(local.echoLongs(), remote.echoLongs());
      assertArrayEquals(local.echoDoubles(), remote.echoDoubles());
      assertEquals(local.length(), remote.length());
      assertEquals(local.sum(), remote.sum());
      assertEquals(local.total(), remote.total());
      assertEquals(local.hasNul(), remote.hasNul());
      assertNull(remote.nothing());
      assertEquals(local.mixed(), remote.mixed());
    }
  }

  @Test
  void hazelcastConfigsRegisterTheFactoryAndRestrictJavaSerialization() {
    SerializationConfig serialization =
        HazelcastConfigs.configureSerialization(new Config().getSerializationConfig());
    assertTrue(
        serialization.getDataSerializableFactories().get(TaskwireSerializerFactory.FACTORY_ID)
            instanceof TaskwireSerializerFactory);
    assertTrue(serialization.getJavaSerializationFilterConfig() != null);
    assertTrue(
        LoopbackConfig.client("c", List.of(5701))
                .getSerializationConfig()
                .getDataSerializableFactories()
                .get(TaskwireSerializerFactory.FACTORY_ID)
            instanceof TaskwireSerializerFactory);
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName() + " " + value;
  }
}
