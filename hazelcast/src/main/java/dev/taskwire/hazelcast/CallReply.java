package dev.taskwire.hazelcast;

import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.serial.AllowList;
import dev.taskwire.runtime.serial.RejectedClassException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Set;

/**
 * What a member sends back for a call: one byte saying whether the task returned or threw, then the
 * value or the exception in Java serialization. As bytes, Hazelcast passes it on without
 * deserializing it, and the driver reads it only through the task's allow-list: the classes its
 * declared result may hold, and for a failure exceptions too.
 */
final class CallReply {
  private static final byte VALUE = 0;
  private static final byte FAILURE = 1;

  private CallReply() {}

  /** The reply for a task that returned {@code value}; a failure if it cannot be written. */
  static byte[] value(Object value) {
    try {
      return write(VALUE, value);
    } catch (IOException | RuntimeException notSerializable) {
      return failure(notSerializable);
    }
  }

  /** The reply for a task that threw {@code failure}, or a stand-in if it cannot be written. */
  static byte[] failure(Throwable failure) {
    try {
      return write(FAILURE, failure);
    } catch (IOException | RuntimeException notSerializable) {
      IllegalStateException standIn =
          new IllegalStateException(
              failure + " (its exception could not be sent back: " + notSerializable + ")");
      standIn.setStackTrace(failure.getStackTrace());
      try {
        return write(FAILURE, standIn);
      } catch (IOException cannotHappen) {
        throw new IllegalStateException(cannotHappen);
      }
    }
  }

  private static byte[] write(byte kind, Object object) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(kind);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return bytes.toByteArray();
  }

  /**
   * The value of a reply to {@code call}, read through the call's result allow-list.
   *
   * @throws RejectedClassException if the reply holds a class outside the list, or a value of
   *     another type than the task returns
   * @throws Throwable the task's own failure, if it failed
   */
  static Object read(byte[] reply, RemoteCall call, ClassLoader loader) throws Throwable {
    byte[] body = Arrays.copyOfRange(reply, 1, reply.length);
    AllowList results = call.resultAllowList();
    if (reply[0] == FAILURE) {
      Object failure = results.and(Set.of(AllowList.EXCEPTIONS)).read(body, loader);
      if (failure instanceof Throwable thrown) {
        throw thrown;
      }
      throw new RejectedClassException(
          String.valueOf(failure == null ? null : failure.getClass().getName()),
          results.what(),
          "a failed call's reply that holds no exception");
    }
    Object value = results.read(body, loader);
    Class<?> type = call.resultType();
    if (value != null && type != null && !type.isInstance(value)) {
      throw new RejectedClassException(
          value.getClass().getName(),
          results.what(),
          "not a " + type.getName() + ", which task '" + call.task() + "' returns");
    }
    return value;
  }
}
