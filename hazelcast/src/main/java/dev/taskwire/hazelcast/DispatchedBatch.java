package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Several dispatched calls sent to one member in one message (see {@link
 * HazelcastDispatcher.Builder#batchSize}): on the member they run one after another on the executor
 * thread that received them, each checked and answered as a lone {@link DispatchedTask} is, and
 * their replies go back together.
 *
 * <p>On the wire: the number of calls, then each call as a {@link DispatchedTask} writes itself,
 * except that a call whose header (pipeline, fingerprint, task) is the one before's, as for the
 * elements of a fan-out, leaves it out: a byte before each call says whether its header follows.
 * The reply: the number of replies, then each {@link CallReply}'s length and bytes, in the order of
 * the calls.
 */
final class DispatchedBatch
    implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private DispatchedTask[] calls;

  /** For {@link TaskwireSerializerFactory}: a batch about to be read. */
  DispatchedBatch() {}

  DispatchedBatch(List<PendingCall> pending) {
    calls = new DispatchedTask[pending.size()];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = pending.get(i).task;
    }
  }

  @Override
  public int getFactoryId() {
    return TaskwireSerializerFactory.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return TaskwireSerializerFactory.DISPATCHED_BATCH;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(calls.length);
    for (int i = 0; i < calls.length; i++) {
      boolean header = i == 0 || !calls[i].sameHeaderAs(calls[i - 1]);
      out.writeBoolean(header);
      if (header) {
        calls[i].writeHeader(out);
      }
      calls[i].writeBody(out);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    // Every call takes at least 9 bytes (a flag, an attempt, a context's length): a count the input
    // cannot hold is refused before the array is made.
    calls =
        new DispatchedTask[WireValues.length(in, 9, DispatchedTask[].class, "a batch of calls")];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = new DispatchedTask();
      if (in.readBoolean()) {
        calls[i].readHeader(in);
      } else if (i > 0) {
        calls[i].readHeaderOf(calls[i - 1]);
      } else {
        throw new StreamCorruptedException("the first call of a batch has no header");
      }
      calls[i].readBody(in);
    }
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    for (DispatchedTask call : calls) {
      call.setHazelcastInstance(member);
    }
  }

  /**
   * Runs the calls in order and returns their replies. A cancelled batch (an interrupt) stops
   * before its next call; a call that overflows its stack fails alone, but any other
   * VirtualMachineError ends the batch, every call of it failing with it, as it would end a lone
   * call.
   */
  @Override
  public byte[] call() throws InterruptedException {
    byte[][] replies = new byte[calls.length][];
    int size = Integer.BYTES;
    for (int i = 0; i < calls.length; i++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("batch cancelled before call " + calls[i]);
      }
      try {
        replies[i] = calls[i].call();
      } catch (StackOverflowError overflow) {
        // That call's own failure, as it is alone: its stack has unwound, and the others may run.
        replies[i] = CallReply.failure(overflow);
      }
      calls[i] = null; // its arguments may be garbage now
      size += Integer.BYTES + replies[i].length;
    }
    ByteBuffer joined = ByteBuffer.allocate(size).putInt(replies.length);
    for (byte[] reply : replies) {
      joined.putInt(reply.length).put(reply);
    }
    return joined.array();
  }

  /**
   * The replies in a batch's answer, in the order of its calls.
   *
   * @throws StreamCorruptedException if it does not hold {@code expected} replies and nothing else
   */
  static byte[][] replies(byte[] answer, int expected) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(answer));
    int count = in.readInt();
    if (count != expected) {
      throw new StreamCorruptedException(
          "a batch of " + expected + " calls was answered with " + count + " replies");
    }
    byte[][] replies = new byte[count][];
    for (int i = 0; i < count; i++) {
      int length = in.readInt();
      if (length < 0 || length > in.available()) {
        throw new StreamCorruptedException(
            "reply " + i + " of a batch claims " + length + " bytes, more than are left");
      }
      replies[i] = in.readNBytes(length);
    }
    if (in.available() > 0) {
      throw new StreamCorruptedException(
          "a batch's answer has " + in.available() + " bytes after its last reply");
    }
    return replies;
  }

  @Override
  public String toString() {
    return "taskwire batch of " + (calls == null ? 0 : calls.length) + " calls";
  }
}
