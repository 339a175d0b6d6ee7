package dev.taskwire.hazelcast;

import dev.taskwire.runtime.remote.RemoteTasks;
import dev.taskwire.runtime.serial.AllowList;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;

/**
 * The pipeline object and arguments of a dispatched call, as a member reads them: values of the
 * JDK's simplest classes in the form of {@link WireValues} (a {@code byte[]} argument is its length
 * and its bytes), every other value in Java serialization (what the processor checked at compile
 * time), in one section read only through the call's allow-list from the pipeline's generated
 * {@link RemoteTasks}: the classes the task's signature and the pipeline class may hold, nothing
 * else. That section is read only after the member has checked the fingerprint (a member with a
 * different build then reports that, not a puzzling {@code InvalidClassException}).
 *
 * <p>On the wire, within a {@link DispatchedTask}: the Java section's length and bytes (length 0
 * when every value has a form of its own), the pipeline object's value, the number of arguments,
 * and each argument's value.
 */
final class CallPayload {
  /** Stands in for a value of the Java section until it is read. */
  private static final Object JAVA_VALUE = new Object();

  private Object instance;
  private Object[] arguments;

  /** The Java-serialized values, in order (pipeline object first), or null if there are none. */
  private byte[] java;

  private CallPayload(Object instance, Object[] arguments, byte[] java) {
    this.instance = instance;
    this.arguments = arguments;
    this.java = java;
  }

  /**
   * The payload of a call, with those of its values that need Java serialization written now, so
   * that a value that cannot be sent fails here, on the driver.
   *
   * @throws IOException if one of them is not serializable after all
   */
  static CallPayload of(Object instance, Object[] arguments) throws IOException {
    ObjectOutputStream java = null;
    ByteArrayOutputStream bytes = null;
    for (int i = -1; i < arguments.length; i++) {
      Object value = i < 0 ? instance : arguments[i];
      if (WireValues.tagOf(value) == WireValues.JAVA) {
        if (java == null) {
          bytes = new ByteArrayOutputStream(256);
          java = new ObjectOutputStream(bytes);
        }
        java.writeObject(value);
      }
    }
    if (java == null) {
      return new CallPayload(instance, arguments, null);
    }
    java.close();
    return new CallPayload(instance, arguments, bytes.toByteArray());
  }

  /** The bytes {@link #writeTo} writes, as anyone who reaches a member could send them. */
  static byte[] write(Object instance, Object[] arguments) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      of(instance, arguments).writeTo(out);
    }
    return bytes.toByteArray();
  }

  void writeTo(DataOutput out) throws IOException {
    if (java == null) {
      out.writeInt(0);
    } else {
      out.writeInt(java.length);
      out.write(java);
    }
    WireValues.write(out, instance, WireValues.tagOf(instance));
    out.writeInt(arguments.length);
    for (Object argument : arguments) {
      WireValues.write(out, argument, WireValues.tagOf(argument));
    }
  }

  /**
   * Reads a payload, except its Java section, which stays bytes until {@link #resolve}: this
   * creates no class the input names.
   *
   * @param what the call, for messages
   * @throws dev.taskwire.runtime.serial.RejectedClassException if an array or string claims more
   *     than the input holds
   */
  static CallPayload readFrom(DataInput in, Object what) throws IOException {
    int javaLength = WireValues.length(in, 1, byte[].class, what);
    byte[] java = null;
    if (javaLength > 0) {
      java = new byte[javaLength];
      in.readFully(java);
    }
    Object instance = readValue(in, what);
    Object[] arguments = new Object[WireValues.length(in, 1, Object[].class, what)];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = readValue(in, what);
    }
    return new CallPayload(instance, arguments, java);
  }

  /** A value, or {@link #JAVA_VALUE} standing in for one in the Java section. */
  private static Object readValue(DataInput in, Object what) throws IOException {
    byte tag = in.readByte();
    return tag == WireValues.JAVA ? JAVA_VALUE : WireValues.read(in, tag, what);
  }

  /**
   * Reads the Java section, if any, through the allow-list of a call of {@code task} (resolving
   * classes with the class loader of {@code tasks}: the pipeline's) and puts its values in place.
   *
   * @throws dev.taskwire.runtime.serial.RejectedClassException if it holds any other class, or
   *     breaks the allow-list's limits
   */
  void resolve(RemoteTasks tasks, String task) throws IOException, ClassNotFoundException {
    int count = (instance == JAVA_VALUE ? 1 : 0);
    for (Object argument : arguments) {
      count += argument == JAVA_VALUE ? 1 : 0;
    }
    if (count == 0 && java == null) {
      return;
    }
    String what = "a call of task '" + task + "' of " + tasks.pipeline();
    if (count == 0 || java == null) {
      throw new StreamCorruptedException(
          what + " has " + count + " Java-serialized values but a section of " + length(java));
    }
    Object[] read =
        AllowList.of(what, tasks.callClasses(task))
            .read(java, count, tasks.getClass().getClassLoader());
    int next = 0;
    if (instance == JAVA_VALUE) {
      instance = read[next++];
    }
    for (int i = 0; i < arguments.length; i++) {
      if (arguments[i] == JAVA_VALUE) {
        arguments[i] = read[next++];
      }
    }
    java = null;
  }

  private static String length(byte[] java) {
    return java == null ? "no bytes" : java.length + " bytes";
  }

  /** The pipeline object, or null for a static task; after {@link #resolve} on a member. */
  Object instance() {
    return instance;
  }

  /** The arguments in parameter order; after {@link #resolve} on a member. */
  Object[] arguments() {
    return arguments;
  }
}
