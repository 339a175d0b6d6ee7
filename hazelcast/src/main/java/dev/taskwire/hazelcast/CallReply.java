package dev.taskwire.hazelcast;

import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.serial.AllowList;
import dev.taskwire.runtime.serial.RejectedClassException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;
import java.util.Set;

/**
 * What a member sends back for a call: one byte saying whether the task returned or threw, then for
 * a value its {@link WireValues} tag and, for the JDK's simplest values, the value in that form,
 * for any other value or an exception its Java serialization. As bytes, Hazelcast passes it on
 * without deserializing it, and the driver reads a Java-serialized value only through the task's
 * allow-list: the classes its declared result may hold, and for a failure exceptions too.
 */
final class CallReply {
  private static final byte VALUE = 0;
  private static final byte FAILURE = 1;

  private CallReply() {}

  /** The reply for a task that returned {@code value}; a failure if it cannot be written. */
  static byte[] value(Object value) {
    try {
      byte tag = WireValues.tagOf(value);
      if (tag == WireValues.JAVA) {
        return java(new byte[] {VALUE, WireValues.JAVA}, value);
      }
      ExactBytes bytes = new ExactBytes(1 + WireValues.size(value, tag));
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VALUE);
      WireValues.write(out, value, tag);
      return bytes.toByteArray();
    } catch (IOException | RuntimeException notSerializable) {
      return failure(notSerializable);
    }
  }

  /** The reply for a task that threw {@code failure}, or a stand-in if it cannot be written. */
  static byte[] failure(Throwable failure) {
    try {
      return java(new byte[] {FAILURE}, failure);
    } catch (IOException | RuntimeException notSerializable) {
      IllegalStateException standIn =
          new IllegalStateException(
              failure + " (its exception could not be sent back: " + notSerializable + ")");
      standIn.setStackTrace(failure.getStackTrace());
      try {
        return java(new byte[] {FAILURE}, standIn);
      } catch (IOException cannotHappen) {
        throw new IllegalStateException(cannotHappen);
      }
    }
  }

  private static byte[] java(byte[] head, Object object) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    bytes.write(head);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return bytes.toByteArray();
  }

  /**
   * The value of a reply to {@code call}: a Java-serialized one read through the call's result
   * allow-list.
   *
   * @throws RejectedClassException if the reply holds a class outside the list, or a value of
   *     another type than the task returns
   * @throws Throwable the task's own failure, if it failed
   */
  static Object read(byte[] reply, RemoteCall call, ClassLoader loader) throws Throwable {
    if (reply.length < 2) {
      throw new StreamCorruptedException("a reply of " + reply.length + " bytes to " + call);
    }
    AllowList results = call.resultAllowList();
    if (reply[0] == FAILURE) {
      Object failure =
          results.and(Set.of(AllowList.EXCEPTIONS)).read(rest(reply, 1), reply.length - 1, loader);
      if (failure instanceof Throwable thrown) {
        throw thrown;
      }
      throw new RejectedClassException(
          String.valueOf(failure == null ? null : failure.getClass().getName()),
          results.what(),
          "a failed call's reply that holds no exception");
    }
    Object value =
        reply[1] == WireValues.JAVA
            ? results.read(rest(reply, 2), reply.length - 2, loader)
            : WireValues.read(new WireValues.ByteInput(reply, 2), reply[1], results.what());
    Class<?> type = call.resultType();
    if (value != null && type != null && !type.isInstance(value)) {
      throw new RejectedClassException(
          value.getClass().getName(),
          results.what(),
          "not a " + type.getName() + ", which task '" + call.task() + "' returns");
    }
    return value;
  }

  private static ByteArrayInputStream rest(byte[] reply, int from) {
    return new ByteArrayInputStream(reply, from, reply.length - from);
  }

  /** A stream of a known size, whose bytes are handed out without a copy once it is full. */
  private static final class ExactBytes extends ByteArrayOutputStream {
    ExactBytes(int size) {
      super(size);
    }

    @Override
    public synchronized byte[] toByteArray() {
      return count == buf.length ? buf : super.toByteArray();
    }
  }
}
