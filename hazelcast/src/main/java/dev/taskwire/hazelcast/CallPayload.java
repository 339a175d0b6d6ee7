package dev.taskwire.hazelcast;

import dev.taskwire.runtime.remote.RemoteTasks;
import dev.taskwire.runtime.serial.AllowList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;

/**
 * The pipeline object and arguments of a dispatched call, in Java serialization (what the processor
 * checked at compile time). They travel as bytes beside the call's header, so that a member reads
 * them only after it has checked the fingerprint (a member with a different build then reports
 * that, not a puzzling {@code InvalidClassException}), and only through the call's allow-list from
 * the pipeline's generated {@link RemoteTasks}: the classes the task's signature and the pipeline
 * class may hold, nothing else.
 */
final class CallPayload {
  private CallPayload() {}

  static byte[] write(Object instance, Object[] arguments) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(instance);
      out.writeObject(arguments);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads {instance, arguments} of a call of {@code task} through its allow-list, resolving classes
   * with the class loader of {@code tasks}: the pipeline's.
   *
   * @throws dev.taskwire.runtime.serial.RejectedClassException if it holds any other class, or
   *     breaks the allow-list's limits
   */
  static Object[] read(byte[] payload, RemoteTasks tasks, String task)
      throws IOException, ClassNotFoundException {
    AllowList allowed =
        AllowList.of(
            "a call of task '" + task + "' of " + tasks.pipeline(), tasks.callClasses(task));
    Object[] read = allowed.read(payload, 2, tasks.getClass().getClassLoader());
    if (!(read[1] instanceof Object[])) {
      throw new IOException(
          "a call of task '" + task + "' of " + tasks.pipeline() + " has no arguments");
    }
    return read;
  }
}
