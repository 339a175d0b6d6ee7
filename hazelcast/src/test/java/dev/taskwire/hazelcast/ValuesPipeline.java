package dev.taskwire.hazelcast;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.Task;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Local sources of every kind of value a call carries in a form of its own, and of a
 * Java-serialized one, and dispatched tasks that send them back or compute from them: a run on a
 * cluster must give the results of a local run.
 */
@Distributed
public class ValuesPipeline implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String label;

  public ValuesPipeline(String label) {
    this.label = label;
  }

  @Task
  @Distributed(false)
  static String text() {
    // One, two and three bytes a character in UTF-8, a NUL, a surrogate pair, and no 64 KB limit.
    return "plain é ✓ \u0000 \uD83D\uDE00 " + "x".repeat(70_000);
  }

  @Task
  @Distributed(false)
  static byte[] bytes() {
    byte[] bytes = new byte[300];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    return bytes;
  }

  @Task
  @Distributed(false)
  static int[] ints() {
    return new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
  }

  @Task
  @Distributed(false)
  static long[] longs() {
    return new long[] {Long.MIN_VALUE, -1, 0, 1L << 40, Long.MAX_VALUE};
  }

  @Task
  @Distributed(false)
  static double[] doubles() {
    return new double[] {-0.0, Double.NaN, Double.MIN_VALUE, 1.5, Double.NEGATIVE_INFINITY};
  }

  @Task
  @Distributed(false)
  static Part part() {
    return new Part(42, "source");
  }

  @Task
  static String echoText(@DependsOn String text) {
    return text;
  }

  @Task
  static byte[] echoBytes(@DependsOn byte[] bytes) {
    return bytes;
  }

  @Task
  static int[] echoInts(@DependsOn int[] ints) {
    return ints;
  }

  @Task
  static long[] echoLongs(@DependsOn long[] longs) {
    return longs;
  }

  @Task
  static double[] echoDoubles(@DependsOn double[] doubles) {
    return doubles;
  }

  @Task
  static int length(@DependsOn String text) {
    return text.length();
  }

  @Task
  static long sum(@DependsOn long[] longs) {
    return Arrays.stream(longs).map(value -> value >> 8).sum();
  }

  @Task
  static double total(@DependsOn double[] doubles) {
    return doubles[3] + doubles[2];
  }

  @Task
  static boolean hasNul(@DependsOn String text) {
    return text.indexOf('\u0000') >= 0;
  }

  @Task
  static String nothing(@DependsOn int[] ints) {
    return ints.length > 0 ? null : "never";
  }

  /** The pipeline object and a record go Java-serialized, beside bytes in a form of their own. */
  @Task
  List<String> mixed(@DependsOn Part part, @DependsOn byte[] bytes, @DependsOn int length) {
    return List.of(label, part.toString(), String.valueOf(bytes.length), String.valueOf(length));
  }
}
