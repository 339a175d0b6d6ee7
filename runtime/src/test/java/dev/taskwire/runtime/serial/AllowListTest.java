package dev.taskwire.runtime.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter.FilterInfo;
import java.io.ObjectInputFilter.Status;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AllowListTest {
  private static final AllowList JDK_ONLY = AllowList.of("the result of task 't' of p.P", Set.of());

  enum Color {
    RED {
      @Override
      public String toString() {
        return "red";
      }
    },
    GREEN
  }

  record Point(int x, int y) implements Serializable {}

  /** A class whose readObject has a side effect, as the gadgets of deserialization attacks do. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean READ = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READ.set(true);
    }
  }

  /** Allowed itself, but reads back as something else. */
  static final class Replaced implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      return new Gadget();
    }
  }

  static byte[] bytes(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object roundTrip(AllowList list, Object value) throws Exception {
    return list.read(bytes(value), AllowListTest.class.getClassLoader());
  }

  /** Values of every type the processor accepts, as the JDK really builds them. */
  static Stream<Object> jdkValues() {
    return Stream.of(
        true,
        (byte) 1,
        'c',
        (short) 2,
        3,
        4L,
        5f,
        6d,
        "text",
        new BigDecimal("1.25"),
        BigInteger.TEN.pow(30),
        LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 2, 29, 12, 0),
        Instant.ofEpochSecond(1_700_000_000L),
        Duration.ofMillis(1500),
        ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Paris")),
        ZoneId.of("Europe/Paris"),
        java.time.DayOfWeek.MONDAY,
        new UUID(1, 2),
        new Date(0),
        new ArrayList<>(List.of(1, 2)),
        new LinkedList<>(List.of(1, 2)),
        new ArrayDeque<>(List.of(1, 2)),
        new HashMap<>(Map.of("a", 1)),
        new LinkedHashMap<>(Map.of("a", 1)),
        new TreeMap<>(Map.of("a", 1)),
        new HashSet<>(Set.of("a")),
        new LinkedHashSet<>(Set.of("a")),
        new TreeSet<>(Set.of("a")),
        new TreeSet<>(Comparator.reverseOrder()),
        new TreeSet<>(String.CASE_INSENSITIVE_ORDER),
        new TreeSet<>(Comparator.<String>naturalOrder()),
        new TreeSet<>(Collections.reverseOrder(String.CASE_INSENSITIVE_ORDER)),
        List.of(),
        List.of(1),
        List.of(1, 2, 3),
        Set.of("a"),
        Set.of("a", "b", "c"),
        Map.of(),
        Map.of("a", 1),
        Map.of("a", 1, "b", 2),
        Stream.of(1, 2).toList(),
        Arrays.asList(1, 2),
        Collections.emptyList(),
        Collections.emptySet(),
        Collections.emptyMap(),
        Collections.emptySortedSet(),
        Collections.emptyNavigableMap(),
        Collections.singletonList(1),
        Collections.singleton(1),
        Collections.singletonMap("a", 1),
        Collections.nCopies(3, "x"),
        Collections.unmodifiableList(new ArrayList<>(List.of(1))),
        Collections.unmodifiableList(new LinkedList<>(List.of(1))),
        Collections.unmodifiableList(List.of(1)),
        Collections.unmodifiableCollection(new ArrayList<>(List.of(1))),
        Collections.unmodifiableSet(new HashSet<>(Set.of(1))),
        Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(1))),
        Collections.unmodifiableNavigableSet(new TreeSet<>(Set.of(1))),
        Collections.unmodifiableMap(new HashMap<>(Map.of(1, 2))),
        Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(1, 2))),
        Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of(1, 2))),
        Collections.synchronizedList(new ArrayList<>(List.of(1))),
        Collections.synchronizedList(new LinkedList<>(List.of(1))),
        Collections.synchronizedCollection(new ArrayList<>(List.of(1))),
        Collections.synchronizedSet(new HashSet<>(Set.of(1))),
        Collections.synchronizedSortedSet(new TreeSet<>(Set.of(1))),
        Collections.synchronizedNavigableSet(new TreeSet<>(Set.of(1))),
        Collections.synchronizedMap(new HashMap<>(Map.of(1, 2))),
        Collections.synchronizedSortedMap(new TreeMap<>(Map.of(1, 2))),
        Collections.synchronizedNavigableMap(new TreeMap<>(Map.of(1, 2))),
        setFromMap(),
        new PriorityQueue<>(List.of(3, 1, 2)),
        new java.util.Vector<>(List.of(1)),
        new java.util.Hashtable<>(Map.of(1, 2)),
        new java.util.IdentityHashMap<>(Map.of(1, 2)),
        new ConcurrentHashMap<>(Map.of("a", 1)),
        new ConcurrentSkipListMap<>(Map.of("a", 1)),
        new ConcurrentSkipListSet<>(Set.of("a")),
        new ConcurrentLinkedQueue<>(List.of(1)),
        new java.util.concurrent.ConcurrentLinkedDeque<>(List.of(1)),
        new CopyOnWriteArrayList<>(List.of(1)),
        new CopyOnWriteArraySet<>(Set.of(1)));
  }

  private static Set<String> setFromMap() {
    Set<String> set = Collections.newSetFromMap(new ConcurrentHashMap<>());
    set.add("a");
    return set;
  }

  /** Answers 0 to every call; serializable, as a proxy's handler must be to be written. */
  static final class Zero implements java.lang.reflect.InvocationHandler, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object invoke(Object self, java.lang.reflect.Method method, Object[] arguments) {
      return 0;
    }
  }

  @Test
  void everyJdkValueOfAnAcceptedTypeReadsBackThroughAListOfNoClasses() throws Exception {
    for (Object value : jdkValues().toList()) {
      Object read = roundTrip(JDK_ONLY, value);
      assertEquals(value.getClass(), read.getClass(), value.getClass().getName());
      if (!(value instanceof PriorityQueue) && !(value instanceof ArrayDeque)) {
        assertEquals(String.valueOf(value), String.valueOf(read), value.getClass().getName());
      }
    }
  }

  @Test
  void arraysOfPrimitivesAndOfAllowedClassesReadBack() throws Exception {
    assertArrayEquals(new int[] {1, 2}, (int[]) roundTrip(JDK_ONLY, new int[] {1, 2}));
    assertArrayEquals(
        new double[][] {{1}, {2, 3}},
        (double[][]) roundTrip(JDK_ONLY, new double[][] {{1}, {2, 3}}));
    assertArrayEquals(new String[] {"a"}, (String[]) roundTrip(JDK_ONLY, new String[] {"a"}));
    assertArrayEquals(new Object[] {1, "a"}, (Object[]) roundTrip(JDK_ONLY, new Object[] {1, "a"}));
    AllowList points = JDK_ONLY.and(Set.of(Point.class.getName()));
    assertArrayEquals(
        new Point[] {new Point(1, 2)}, (Point[]) roundTrip(points, new Point[] {new Point(1, 2)}));
    assertThrows(RejectedClassException.class, () -> roundTrip(JDK_ONLY, new Point[0]));
  }

  @Test
  void enumsAndTheirConstantBodiesReadBackWhenTheEnumIsListed() throws Exception {
    AllowList colors = JDK_ONLY.and(Set.of(Color.class.getName()));
    assertEquals(Color.RED, roundTrip(colors, Color.RED));
    assertEquals(
        EnumSet.of(Color.RED, Color.GREEN), roundTrip(colors, EnumSet.of(Color.RED, Color.GREEN)));
    assertEquals(
        new EnumMap<>(Map.of(Color.GREEN, 1)),
        roundTrip(colors, new EnumMap<>(Map.of(Color.GREEN, 1))));
    assertThrows(RejectedClassException.class, () -> roundTrip(JDK_ONLY, Color.RED));
  }

  @Test
  void aListedClassReadsBackAndAnUnlistedOneIsRefusedNamingTheClassAndWhatWasRead() {
    AllowList points = JDK_ONLY.and(Set.of(Point.class.getName()));
    assertEquals(
        List.of(new Point(1, 2)),
        assertDoesNotThrow(() -> roundTrip(points, new ArrayList<>(List.of(new Point(1, 2))))));
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> roundTrip(JDK_ONLY, new Point(1, 2)));
    assertEquals(Point.class.getName(), refused.className());
    assertEquals("the result of task 't' of p.P", refused.what());
    assertEquals(
        Point.class.getName()
            + "; not allowed in the result of task 't' of p.P, which may hold the JDK's values and"
            + " collections; if it belongs there, allow it with @Distributed(allow = ...) or"
            + " RunOptions.allowDeserializing(...)",
        refused.getMessage());
  }

  private static Object assertDoesNotThrow(ThrowingSupplier read) {
    try {
      return read.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface ThrowingSupplier {
    Object get() throws Exception;
  }

  @Test
  void aGadgetIsRefusedBeforeItsReadObjectRunsEvenInsideAnAllowedCollection() {
    Gadget.READ.set(false);
    RejectedClassException refused =
        assertThrows(
            RejectedClassException.class,
            () -> roundTrip(JDK_ONLY, new HashMap<>(Map.of("key", new Gadget()))));
    assertEquals(Gadget.class.getName(), refused.className());
    assertFalse(Gadget.READ.get());
  }

  @Test
  void whatReadResolveReturnsMustBeAllowedToo() {
    Gadget.READ.set(false);
    AllowList replaced = JDK_ONLY.and(Set.of(Replaced.class.getName()));
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> roundTrip(replaced, new Replaced()));
    assertEquals(Gadget.class.getName(), refused.className());
  }

  @Test
  void exceptionsAreAllowedOnlyWhereTheListAdmitsThem() throws Exception {
    IOException failure = new IOException("disk", new IllegalStateException("full"));
    failure.addSuppressed(new RuntimeException("also"));
    assertThrows(RejectedClassException.class, () -> roundTrip(JDK_ONLY, failure));
    AllowList failures = JDK_ONLY.and(Set.of(AllowList.EXCEPTIONS));
    IOException read = (IOException) roundTrip(failures, failure);
    assertEquals("disk", read.getMessage());
    assertInstanceOf(IllegalStateException.class, read.getCause());
    assertEquals(1, read.getSuppressed().length);
    assertEquals(failure.getStackTrace().length, read.getStackTrace().length);
  }

  @Test
  void dynamicProxiesAreNeverAllowed() {
    Object proxy =
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Comparable.class, Serializable.class},
            new Zero());
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> roundTrip(JDK_ONLY, proxy));
    assertTrue(refused.getMessage().contains("dynamic prox"), refused.getMessage());
  }

  @Test
  void objectsNestedDeeperThanTheLimitAreRefused() {
    List<Object> nested = new ArrayList<>();
    for (int i = 0; i < AllowList.MAX_DEPTH + 50; i++) {
      nested = new ArrayList<>(List.of(nested));
    }
    Object deep = nested;
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> roundTrip(JDK_ONLY, deep));
    assertTrue(refused.getMessage().contains("deep"), refused.getMessage());
    assertTrue(refused.getMessage().contains("the limit of 200"), refused.getMessage());
  }

  @Test
  void anArrayLongerThanTheInputCouldHoldIsRefusedBeforeItIsAllocated() throws Exception {
    byte[] bytes = hugeIntArray(1_000_000_000);
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> JDK_ONLY.read(bytes, null));
    assertEquals("[I", refused.className());
    assertTrue(refused.getMessage().contains("an array of 1000000000 elements"));
    // Of unknown length, the input is held to the fixed limit.
    RejectedClassException unknownLength =
        assertThrows(
            RejectedClassException.class,
            () -> JDK_ONLY.read(new ByteArrayInputStream(bytes), -1, null));
    assertTrue(unknownLength.getMessage().contains("limit of 100000000"));
  }

  /** A serialized int[] whose length says {@code length}; its elements are missing. */
  static byte[] hugeIntArray(int length) throws IOException {
    byte[] bytes = bytes(new int[] {7});
    // The stream ends with the length and the one element, 4 bytes each.
    int at = bytes.length - 8;
    bytes[at] = (byte) (length >>> 24);
    bytes[at + 1] = (byte) (length >>> 16);
    bytes[at + 2] = (byte) (length >>> 8);
    bytes[at + 3] = (byte) length;
    return bytes;
  }

  /**
   * Of known length, an array may have four times as many elements as the input has bytes, plus 64:
   * at that bound the filter lets the JDK allocate it (the read then runs out of input, the
   * elements being missing), one more is refused.
   */
  @Test
  void anArrayMayHaveFourTimesTheInputsBytesPlus64Elements() throws Exception {
    int limit = 4 * hugeIntArray(0).length + 64; // the length never changes the input's size
    assertThrows(EOFException.class, () -> JDK_ONLY.read(hugeIntArray(limit), null));
    RejectedClassException refused =
        assertThrows(
            RejectedClassException.class, () -> JDK_ONLY.read(hugeIntArray(limit + 1), null));
    assertEquals("[I", refused.className());
    assertTrue(
        refused
            .getMessage()
            .endsWith(
                "an array of "
                    + (limit + 1)
                    + " elements in the result of task 't' of p.P, more than the limit of "
                    + limit
                    + " for an input of this size"),
        refused.getMessage());
  }

  /**
   * Of unknown length, an input may hold 100 million elements per array and 2 GiB less a byte
   * ({@code Integer.MAX_VALUE}), and no more. The stream's own header one element past the limit is
   * refused before the array is allocated; the limits themselves, which only a stream of that size
   * could reach, are asked of the filter directly.
   */
  @Test
  void anInputOfUnknownLengthMayHoldAHundredMillionElementsPerArrayAndTwoGibibytes()
      throws Exception {
    RejectedClassException refused =
        assertThrows(
            RejectedClassException.class,
            () -> JDK_ONLY.read(new ByteArrayInputStream(hugeIntArray(100_000_001)), -1, null));
    assertEquals("[I", refused.className());
    assertTrue(
        refused
            .getMessage()
            .contains(
                "an array of 100000001 elements in the result of task 't' of p.P, more than"
                    + " the limit of 100000000 for an input of this size"),
        refused.getMessage());

    assertEquals(Status.UNDECIDED, JDK_ONLY.filter(-1).checkInput(read(100_000_000, 1_000)));
    assertEquals(Status.REJECTED, JDK_ONLY.filter(-1).checkInput(read(100_000_001, 1_000)));
    long twoGibibytes = 2L * 1024 * 1024 * 1024;
    assertEquals(Status.UNDECIDED, JDK_ONLY.filter(-1).checkInput(read(-1, twoGibibytes - 1)));
    assertEquals(Status.REJECTED, JDK_ONLY.filter(-1).checkInput(read(-1, twoGibibytes)));
  }

  /**
   * What a stream tells its filter of an array of {@code arrayLength} (-1: none) after {@code
   * streamBytes}.
   */
  private static FilterInfo read(long arrayLength, long streamBytes) {
    return new FilterInfo() {
      @Override
      public Class<?> serialClass() {
        return null;
      }

      @Override
      public long arrayLength() {
        return arrayLength;
      }

      @Override
      public long depth() {
        return 1;
      }

      @Override
      public long references() {
        return 1;
      }

      @Override
      public long streamBytes() {
        return streamBytes;
      }
    };
  }

  @Test
  void theFilterRefusesTheSameClassesInAStreamOfYourOwn() throws Exception {
    byte[] bytes = bytes(new Point(1, 2));
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(JDK_ONLY.filter(bytes.length));
      assertThrows(InvalidClassException.class, in::readObject);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(JDK_ONLY.and(Set.of(Point.class.getName())).filter(-1));
      assertEquals(new Point(1, 2), in.readObject());
    }
  }

  @Test
  void aRefusalIsNeverRetried() {
    RejectedClassException refused =
        new RejectedClassException("app.Gadget", "a call of task 't' of p.P", "not allowed");
    assertFalse(dev.taskwire.runtime.TaskPolicy.none().retries(3).retriesAfter(1, refused));
    assertTrue(
        dev.taskwire.runtime.TaskPolicy.none()
            .retries(3)
            .retriesAfter(1, new InvalidClassException("its own")));
  }

  @Test
  void severalObjectsReadFromOneInput() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(null);
      out.writeObject(new Object[] {1, "a"});
    }
    Object[] read = JDK_ONLY.read(bytes.toByteArray(), 2, null);
    assertEquals(null, read[0]);
    assertArrayEquals(new Object[] {1, "a"}, (Object[]) read[1]);
  }
}
