package dev.taskwire.runtime.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.taskwire.runtime.ChildJvm;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A JVM-wide filter ({@code -Djdk.serialFilter}) still applies on top of a list: a JVM started with
 * one that refuses a class the list admits refuses that class too, and reads the rest. A JVM's
 * filter is set once, when it starts, so the test starts a JVM of its own rather than set one on
 * the JVM running every other test.
 */
@Timeout(120)
class JvmWideFilterTest {
  private static final AllowList LIST =
      AllowList.of(
          "the result of task 't' of p.P",
          Set.of(Admitted.class.getName(), Refused.class.getName()));

  /** Admitted by the list and by the child JVM's filter. */
  record Admitted(int value) implements Serializable {}

  /** Admitted by the list, refused by the child JVM's filter. */
  record Refused(int value) implements Serializable {}

  @Test
  void aJvmWideFilterRefusesAClassTheListAdmits() throws Exception {
    // Here, with no JVM-wide filter, the list reads both.
    assertNull(ObjectInputFilter.Config.getSerialFilter(), "this JVM has a filter of its own");
    assertEquals(new Refused(1), read(new Refused(1)));

    String output = ChildJvm.run(Child.class, "-Djdk.serialFilter=!" + Refused.class.getName());
    assertEquals(
        "filter: !"
            + Refused.class.getName()
            + "\nread: Admitted[value=2]\nrefused: "
            + Refused.class.getName()
            + "; refused by the JVM-wide filter (jdk.serialFilter) while reading the result of"
            + " task 't' of p.P\n",
        output);
  }

  private static Object read(Object value) throws IOException, ClassNotFoundException {
    return LIST.read(AllowListTest.bytes(value), JvmWideFilterTest.class.getClassLoader());
  }

  /** Reads an admitted value and a refused one, under the filter its command line set. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      System.out.print("filter: " + ObjectInputFilter.Config.getSerialFilter() + "\n");
      System.out.print("read: " + read(new Admitted(2)) + "\n");
      try {
        System.out.print("READ, NOT REFUSED: " + read(new Refused(3)) + "\n");
      } catch (RejectedClassException refused) {
        System.out.print("refused: " + refused.getMessage() + "\n");
      }
      System.out.flush();
    }
  }
}
