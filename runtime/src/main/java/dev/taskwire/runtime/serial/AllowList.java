package dev.taskwire.runtime.serial;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The classes that one kind of value taskwire reads back may hold, and the reader that admits only
 * them. Every Java deserialization in taskwire goes through one: a {@code FileResultStore} reads a
 * stored result of task {@code T} with {@code T}'s list, a cluster member reads the pipeline object
 * and arguments of a call of {@code T} with the call's, and a driver reads {@code T}'s result with
 * the result's. The processor derives each list at compile time from the task signatures (the
 * declared types and the {@code Serializable} field types reachable from them) and writes it into
 * the generated code; every list also admits the JDK's values and collections (boxes, strings, big
 * numbers, enums' superclass, {@code java.time}, {@code List.of} and the other implementations of
 * the collection interfaces), and an array is admitted when its element class is.
 *
 * <p>A class outside the list is refused before it is loaded, and no object of it is created: the
 * read fails with a {@link RejectedClassException} naming the class and what was being read. A
 * store counts that as a miss (the task runs), a dispatched call as the task's failure. So a {@code
 * Serializable} class elsewhere on the class path, whose {@code readObject} could do harm (the
 * "gadgets" of deserialization attacks), is never instantiated from taskwire's input.
 *
 * <p>Reads are also limited, so that a small input cannot exhaust the stack or the heap: objects
 * nest at most {@link #MAX_DEPTH} deep, and an array (or the table a collection allocates) may have
 * at most four times as many elements as the input has bytes, plus 64, since a real one needs at
 * least a byte per element ({@link #MAX_ARRAY_LENGTH} and {@link #MAX_BYTES} bound an input of
 * unknown length). A JVM-wide filter ({@code -Djdk.serialFilter}) still applies on top.
 *
 * <p>When a value legitimately holds a class the processor could not name (a field of an interface
 * type, say), add it with {@code @Distributed(allow = ...)}, which reaches the cluster's members
 * too, or {@code RunOptions.allowDeserializing(...)} on the driver. Immutable and thread-safe; a
 * {@code ResultStore} of your own reads through {@code key.allowList()}.
 */
public final class AllowList {
  /**
   * Listing this name admits every exception class (with the stack trace elements they hold):
   * exceptions cannot be listed in advance, so a list admits them only where one is expected, such
   * as in an {@code Outcome} or a failed call's reply.
   */
  public static final String EXCEPTIONS = "java.lang.Throwable";

  /** How deep objects may nest in one input. */
  public static final int MAX_DEPTH = 200;

  /** The most elements of one array in an input whose length is not known. */
  public static final long MAX_ARRAY_LENGTH = 100_000_000;

  /** The most bytes of an input whose length is not known. */
  public static final long MAX_BYTES = Integer.MAX_VALUE;

  private final String what;
  private final Set<String> classNames;
  private final boolean exceptions;

  private AllowList(String what, Set<String> classNames) {
    this.what = what;
    this.classNames = classNames;
    this.exceptions = classNames.contains(EXCEPTIONS);
  }

  /**
   * A list of {@code classNames} (binary names, as {@link Class#getName()} gives them) besides the
   * JDK's values and collections.
   *
   * @param what what is read, for messages: {@code "the result of task 'train' of app.Pipeline"}
   */
  public static AllowList of(String what, Collection<String> classNames) {
    return new AllowList(Objects.requireNonNull(what, "what"), Set.copyOf(classNames));
  }

  /** This list with {@code moreClassNames} too. */
  public AllowList and(Collection<String> moreClassNames) {
    if (classNames.containsAll(moreClassNames)) {
      return this;
    }
    Set<String> all = new LinkedHashSet<>(classNames);
    all.addAll(moreClassNames);
    return new AllowList(what, Set.copyOf(all));
  }

  /** What this list is for, as in its messages. */
  public String what() {
    return what;
  }

  /** The classes listed besides the JDK's; unmodifiable. */
  public Set<String> classNames() {
    return classNames;
  }

  /** The JDK classes that every list admits. */
  public static Set<String> jdkClasses() {
    return JdkClasses.NAMES;
  }

  /** Whether a value read through this list may hold an object of {@code type}. */
  public boolean allows(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive() || allowsName(element.getName())) {
      return true;
    }
    return exceptions
        && (Throwable.class.isAssignableFrom(element)
            || JdkClasses.EXCEPTION_PARTS.contains(element.getName()));
  }

  /**
   * Whether the class named {@code className} is admitted by name alone, before it is loaded; an
   * exception class can only be told once loaded, so {@code null} means "load it and ask {@link
   * #allows(Class)}".
   */
  Boolean allowsByName(String className) {
    String element = className;
    int dimensions = 0;
    while (element.startsWith("[", dimensions)) {
      dimensions++;
    }
    if (dimensions > 0) {
      // "[I" and "[[D" hold primitives; "[Lapp.Model;" holds app.Model.
      if (!element.startsWith("L", dimensions)) {
        return true;
      }
      element = element.substring(dimensions + 1, element.length() - 1);
    }
    if (allowsName(element)) {
      return true;
    }
    return exceptions ? null : false;
  }

  private boolean allowsName(String name) {
    return classNames.contains(name) || JdkClasses.NAMES.contains(name);
  }

  /**
   * A filter of this list for a stream of your own: it refuses what {@link #read} refuses, though
   * only after the stream has loaded the class, and the stream then throws a plain {@code
   * InvalidClassException}. Prefer {@code read}, which names the class it refused.
   *
   * @param inputLength the input's length in bytes, or -1 if it is not known
   */
  public ObjectInputFilter filter(long inputLength) {
    return new InputCheck(this, inputLength);
  }

  /**
   * Reads one object from {@code bytes} through this list.
   *
   * @param loader resolves the classes, falling back to the JDK's default; null for the default
   * @throws RejectedClassException if the input holds a class outside this list or breaks a limit
   */
  public Object read(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
    return read(bytes, 1, loader)[0];
  }

  /** Reads {@code count} objects, written one after the other, from {@code bytes}. */
  public Object[] read(byte[] bytes, int count, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    return read(new ByteArrayInputStream(bytes), bytes.length, count, loader);
  }

  /**
   * Reads one object from {@code in}, which this method does not close.
   *
   * @param length the input's length in bytes, which tightens the limits, or -1 if not known
   */
  public Object read(InputStream in, long length, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    return read(in, length, 1, loader)[0];
  }

  private Object[] read(InputStream in, long length, int count, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    InputCheck check = new InputCheck(this, length);
    FilteredInput objects = new FilteredInput(in, loader, check);
    Object[] read = new Object[count];
    for (int i = 0; i < count; i++) {
      read[i] = objects.readChecked();
    }
    return read;
  }

  /** What a rejection says after the class's name, for {@link RejectedClassException}. */
  String refusal() {
    return "not allowed in "
        + what
        + ", which may hold "
        + (classNames.isEmpty() ? "" : new TreeSet<>(classNames) + " and ")
        + "the JDK's values and collections; if it belongs there, allow it with"
        + " @Distributed(allow = ...) or RunOptions.allowDeserializing(...)";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AllowList list
        && what.equals(list.what)
        && classNames.equals(list.classNames);
  }

  @Override
  public int hashCode() {
    return what.hashCode() * 31 + classNames.hashCode();
  }

  @Override
  public String toString() {
    return "AllowList{" + what + ": " + new TreeSet<>(classNames) + " and the JDK's}";
  }
}
