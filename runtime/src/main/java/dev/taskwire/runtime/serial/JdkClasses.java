package dev.taskwire.runtime.serial;

import java.util.Set;

/**
 * The JDK classes every {@link AllowList} accepts: what real values of the types the processor
 * accepts (boxes, strings, big numbers, enums, {@code java.time}, arrays, and the collection
 * interfaces) are written as in Java serialization. A collection interface stands for the classes
 * behind it: {@code List.of(...)} travels as {@code java.util.CollSer}, {@code
 * Collections.unmodifiableList(...)} as a wrapper around an {@code ArrayList}, and so on; {@code
 * AllowListTest} writes a real value of each and reads it back through the filter. Since Java 17 a
 * filter also sees the class that {@code readResolve} returns (a {@code LocalDate} read from a
 * {@code java.time.Ser}), so those are listed too.
 *
 * <p>Nothing here runs code of its own when read beyond rebuilding itself from allowed parts.
 * Notably absent: {@code java.net.URL} (its {@code hashCode} resolves host names), reflection,
 * proxies, and anything outside {@code java.*}.
 */
final class JdkClasses {
  private JdkClasses() {}

  static final Set<String> NAMES =
      Set.of(
          // java.lang: boxes, their superclass, enums, and Object as an array's element type
          "java.lang.Object",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.String",
          "java.lang.Enum",
          "java.lang.String$CaseInsensitiveComparator",
          // java.math
          "java.math.BigInteger",
          "java.math.BigDecimal",
          // java.time: written as java.time.Ser, read back as the value's own class
          "java.time.Ser",
          "java.time.Duration",
          "java.time.Instant",
          "java.time.LocalDate",
          "java.time.LocalDateTime",
          "java.time.LocalTime",
          "java.time.MonthDay",
          "java.time.OffsetDateTime",
          "java.time.OffsetTime",
          "java.time.Period",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.ZonedDateTime",
          "java.time.ZoneOffset",
          "java.time.ZoneRegion",
          "java.time.DayOfWeek",
          "java.time.Month",
          // java.util values
          "java.util.UUID",
          "java.util.Date",
          // java.util collections
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.PriorityQueue",
          "java.util.Vector",
          "java.util.Stack",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.Hashtable",
          "java.util.IdentityHashMap",
          "java.util.EnumMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.EnumSet$SerializationProxy",
          "java.util.RegularEnumSet",
          "java.util.JumboEnumSet",
          "java.util.Map$Entry", // the element type of the table HashMap checks when read
          "java.util.CollSer", // List.of, Set.of, Map.of, Stream.toList()
          "java.util.ImmutableCollections$List12",
          "java.util.ImmutableCollections$ListN",
          "java.util.ImmutableCollections$Set12",
          "java.util.ImmutableCollections$SetN",
          "java.util.ImmutableCollections$Map1",
          "java.util.ImmutableCollections$MapN",
          "java.util.Arrays$ArrayList",
          "java.util.Collections$EmptyList",
          "java.util.Collections$EmptySet",
          "java.util.Collections$EmptyMap",
          "java.util.Collections$SingletonList",
          "java.util.Collections$SingletonSet",
          "java.util.Collections$SingletonMap",
          "java.util.Collections$CopiesList",
          "java.util.Collections$SetFromMap",
          "java.util.Collections$ReverseComparator",
          "java.util.Collections$ReverseComparator2",
          "java.util.Comparators$NaturalOrderComparator",
          "java.util.Collections$UnmodifiableCollection",
          "java.util.Collections$UnmodifiableList",
          "java.util.Collections$UnmodifiableRandomAccessList",
          "java.util.Collections$UnmodifiableSet",
          "java.util.Collections$UnmodifiableSortedSet",
          "java.util.Collections$UnmodifiableNavigableSet",
          "java.util.Collections$UnmodifiableNavigableSet$EmptyNavigableSet",
          "java.util.Collections$UnmodifiableMap",
          "java.util.Collections$UnmodifiableSortedMap",
          "java.util.Collections$UnmodifiableNavigableMap",
          "java.util.Collections$UnmodifiableNavigableMap$EmptyNavigableMap",
          "java.util.Collections$UnmodifiableSequencedCollection", // Java 21
          "java.util.Collections$UnmodifiableSequencedSet",
          "java.util.Collections$UnmodifiableSequencedMap",
          "java.util.Collections$SynchronizedCollection",
          "java.util.Collections$SynchronizedList",
          "java.util.Collections$SynchronizedRandomAccessList",
          "java.util.Collections$SynchronizedSet",
          "java.util.Collections$SynchronizedSortedSet",
          "java.util.Collections$SynchronizedNavigableSet",
          "java.util.Collections$SynchronizedMap",
          "java.util.Collections$SynchronizedSortedMap",
          "java.util.Collections$SynchronizedNavigableMap",
          // java.util.concurrent collections, and the lock ConcurrentHashMap writes for old readers
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentHashMap$Segment",
          "java.util.concurrent.locks.ReentrantLock",
          "java.util.concurrent.locks.ReentrantLock$Sync",
          "java.util.concurrent.locks.ReentrantLock$NonfairSync",
          "java.util.concurrent.locks.AbstractQueuedSynchronizer",
          "java.util.concurrent.locks.AbstractOwnableSynchronizer",
          "java.util.concurrent.ConcurrentSkipListMap",
          "java.util.concurrent.ConcurrentSkipListSet",
          "java.util.concurrent.ConcurrentLinkedQueue",
          "java.util.concurrent.ConcurrentLinkedDeque",
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.concurrent.CopyOnWriteArraySet");

  /**
   * What an exception is written as besides its own class and superclasses, for a list that admits
   * exceptions (see {@link AllowList#EXCEPTIONS}).
   */
  static final Set<String> EXCEPTION_PARTS = Set.of("java.lang.StackTraceElement");
}
