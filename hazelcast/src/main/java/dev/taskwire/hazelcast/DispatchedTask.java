package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.remote.RemoteTaskLookup;
import dev.taskwire.runtime.remote.RemoteTasks;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One dispatched call as it travels to a member and runs there: the header (pipeline, fingerprint,
 * task, attempt, context) and a {@link CallPayload} with the pipeline object and arguments. On the
 * member it finds the pipeline's {@link RemoteTasks}, checks the fingerprint, then reads the
 * payload's Java-serialized values through the call's allow-list and calls the task; what comes
 * back is a {@link CallReply}. A task that returns a future is waited for here, on the member's
 * executor thread.
 *
 * <p>Hazelcast writes and reads it as an {@link IdentifiedDataSerializable} of {@link
 * TaskwireSerializerFactory}: a few bytes of header and the fields, no class names and no Java
 * serialization. Reading one creates no class the input names: whatever of the payload is malformed
 * or refused is kept, and the call answers with that failure once the member has checked the build.
 */
final class DispatchedTask
    implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
  /** The key of the member's name for messages in its user context. */
  private static final String WORKER_NAME = "dev.taskwire.workerName";

  private String pipeline;
  private String fingerprint;
  private String task;
  private int attempt;

  /** The driver's context fields as name/value pairs (see {@link RemoteContext}). */
  private String[] context;

  private CallPayload payload;

  /** Payload bytes as they stand, sent instead of {@link #payload}: for tests. */
  private byte[] rawPayload;

  /** Why the payload could not be read, on a member: the call's answer. */
  private Exception unreadable;

  private transient HazelcastInstance member;

  /** For {@link TaskwireSerializerFactory}: a call about to be read. */
  DispatchedTask() {}

  private DispatchedTask(
      String pipeline,
      String fingerprint,
      String task,
      int attempt,
      String[] context,
      CallPayload payload,
      byte[] rawPayload) {
    this.pipeline = pipeline;
    this.fingerprint = fingerprint;
    this.task = task;
    this.attempt = attempt;
    this.context = context;
    this.payload = payload;
    this.rawPayload = rawPayload;
  }

  /**
   * @throws IOException if the pipeline object or an argument is not serializable after all
   */
  static DispatchedTask of(RemoteCall call) throws IOException {
    return new DispatchedTask(
        call.pipeline(),
        call.fingerprint(),
        call.task(),
        call.attempt(),
        RemoteContext.pairs(call.context()),
        CallPayload.of(call.instance(), call.arguments()),
        null);
  }

  /** A call with the given payload as it stands, as anyone who reaches a member can send one. */
  static DispatchedTask of(
      String pipeline, String fingerprint, String task, int attempt, byte[] payload) {
    return new DispatchedTask(pipeline, fingerprint, task, attempt, new String[0], null, payload);
  }

  @Override
  public int getFactoryId() {
    return TaskwireSerializerFactory.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return TaskwireSerializerFactory.DISPATCHED_TASK;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    writeHeader(out);
    writeBody(out);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    readHeader(in);
    readBody(in);
  }

  /** Which task of which build: the same for every element of a fan-out. */
  void writeHeader(ObjectDataOutput out) throws IOException {
    out.writeString(pipeline);
    out.writeString(fingerprint);
    out.writeString(task);
  }

  void readHeader(ObjectDataInput in) throws IOException {
    pipeline = in.readString();
    fingerprint = in.readString();
    task = in.readString();
  }

  /** Whether this call's header is {@code other}'s, so that a batch sends it once. */
  boolean sameHeaderAs(DispatchedTask other) {
    return pipeline.equals(other.pipeline)
        && fingerprint.equals(other.fingerprint)
        && task.equals(other.task);
  }

  /** Takes {@code other}'s header, for a call of a batch that did not repeat it. */
  void readHeaderOf(DispatchedTask other) {
    pipeline = other.pipeline;
    fingerprint = other.fingerprint;
    task = other.task;
  }

  /** The attempt, the context and the payload: what is the call's own. */
  void writeBody(ObjectDataOutput out) throws IOException {
    out.writeInt(attempt);
    out.writeInt(context.length);
    for (String field : context) {
      out.writeString(field);
    }
    if (rawPayload != null) {
      out.write(rawPayload);
    } else {
      payload.writeTo(out);
    }
  }

  void readBody(ObjectDataInput in) throws IOException {
    attempt = in.readInt();
    What what = new What(pipeline, task);
    context = new String[WireValues.length(in, 1, String[].class, what)];
    for (int i = 0; i < context.length; i++) {
      context[i] = in.readString();
    }
    try {
      payload = CallPayload.readFrom(in, what);
    } catch (IOException | RuntimeException malformed) {
      unreadable = malformed;
    }
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    this.member = member;
  }

  /**
   * Runs the call and returns its {@link CallReply}: the task's value or its failure, as bytes that
   * the driver reads through the task's allow-list. Only an interrupt (the call was cancelled) and
   * a VirtualMachineError are thrown as such.
   */
  @Override
  public byte[] call() throws InterruptedException {
    try {
      return CallReply.value(run());
    } catch (InterruptedException cancelled) {
      throw cancelled;
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable failed) {
      return CallReply.failure(failed);
    }
  }

  /**
   * Finds the pipeline's {@link RemoteTasks} by name and checks the build, then reads the payload
   * through the call's allow-list (nothing of the pipeline has run yet) and calls the task.
   */
  private Object run() throws Throwable {
    ClassLoader loader = member.getConfig().getClassLoader();
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    RemoteTasks tasks = RemoteTaskLookup.find(loader, pipeline, fingerprint, workerName(member));
    if (unreadable != null) {
      throw unreadable;
    }
    payload.resolve(tasks, task);
    MemberContext.enter(member);
    ContextPropagator.Scope[] scopes =
        RemoteContext.restore(member, context, pipeline, task, attempt);
    try {
      return resultOf(tasks.call(payload.instance(), task, payload.arguments()));
    } finally {
      RemoteContext.close(scopes, pipeline, task);
      MemberContext.exit();
    }
  }

  /** The member as messages name it, worked out once per member. */
  private static String workerName(HazelcastInstance member) {
    Object name = member.getUserContext().get(WORKER_NAME);
    if (name == null) {
      name = "member " + member.getCluster().getLocalMember().getAddress();
      member.getUserContext().put(WORKER_NAME, name);
    }
    return (String) name;
  }

  /** An async task's stage is waited for; an interrupt (a cancelled call) cancels it. */
  private static Object resultOf(Object returned) throws Exception {
    if (!(returned instanceof CompletionStage<?> stage)) {
      return returned;
    }
    Future<?> future = stage.toCompletableFuture();
    try {
      return future.get();
    } catch (InterruptedException interrupted) {
      future.cancel(true);
      throw interrupted;
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof Exception exception ? exception : failed;
    }
  }

  @Override
  public String toString() {
    return "taskwire " + pipeline + "." + task + " (attempt " + attempt + ")";
  }

  /** A call as messages about its payload name it, built only for a message. */
  private record What(String pipeline, String task) {
    @Override
    public String toString() {
      return "a call of task '" + task + "' of " + pipeline;
    }
  }
}
