package dev.taskwire.runtime.serial;

import java.io.ObjectInputFilter;

/**
 * The filter of one read: refuses the classes its {@link AllowList} does not admit and inputs that
 * break its limits, and keeps the first refusal, which the reader then throws as a {@link
 * RejectedClassException} in place of the JDK's nameless {@code InvalidClassException}. It sees
 * every class described in the stream (superclasses included), every array's length, and the class
 * that a {@code readResolve} returned. Used by one stream on one thread.
 */
final class InputCheck implements ObjectInputFilter {
  private final AllowList list;
  private final long maxArrayLength;
  private final long maxBytes;
  private RejectedClassException refusal;

  InputCheck(AllowList list, long inputLength) {
    this.list = list;
    if (inputLength >= 0) {
      // A real array needs a byte per element at least; a HashMap's table is at most 4 per entry.
      this.maxArrayLength = 4 * inputLength + 64;
      this.maxBytes = inputLength;
    } else {
      this.maxArrayLength = AllowList.MAX_ARRAY_LENGTH;
      this.maxBytes = AllowList.MAX_BYTES;
    }
  }

  @Override
  public Status checkInput(FilterInfo info) {
    Class<?> type = info.serialClass();
    String name = type == null ? "?" : type.getName();
    ObjectInputFilter jvmWide = Config.getSerialFilter();
    if (jvmWide != null && jvmWide.checkInput(info) == Status.REJECTED) {
      return refuse(
          name, "refused by the JVM-wide filter (jdk.serialFilter) while reading " + list.what());
    }
    if (info.depth() > AllowList.MAX_DEPTH) {
      return refuse(
          name,
          "nested "
              + info.depth()
              + " objects deep in "
              + list.what()
              + ", beyond the limit of "
              + AllowList.MAX_DEPTH);
    }
    if (info.arrayLength() > maxArrayLength) {
      return refuse(
          name,
          "an array of "
              + info.arrayLength()
              + " elements in "
              + list.what()
              + ", more than the limit of "
              + maxArrayLength
              + " for an input of this size");
    }
    if (info.streamBytes() > maxBytes) {
      return refuse(name, "more than " + maxBytes + " bytes in " + list.what());
    }
    if (type == null) {
      return Status.UNDECIDED;
    }
    return list.allows(type) ? Status.ALLOWED : refuse(name, list.refusal());
  }

  /** Checks a class by name before the stream loads it; see {@link AllowList#allowsByName}. */
  void checkName(String className) throws RejectedClassException {
    if (Boolean.FALSE.equals(list.allowsByName(className))) {
      refuse(className, list.refusal());
      throw refusal;
    }
  }

  /** Refuses a class the stream has loaded: an exception class, which is known only then. */
  void checkLoaded(Class<?> type) throws RejectedClassException {
    if (!list.allows(type)) {
      refuse(type.getName(), list.refusal());
      throw refusal;
    }
  }

  private Status refuse(String className, String reason) {
    if (refusal == null) {
      refusal = new RejectedClassException(className, list.what(), reason);
    }
    return Status.REJECTED;
  }

  /** The first refusal, or null. */
  RejectedClassException refusal() {
    return refusal;
  }

  AllowList list() {
    return list;
  }
}
