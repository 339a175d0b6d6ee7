package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.remote.RemoteTaskLookup;
import dev.taskwire.runtime.remote.RemoteTasks;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One dispatched call as it travels to a member and runs there: the header in plain fields, the
 * pipeline object and arguments as a {@link CallPayload}. On the member it finds the pipeline's
 * {@link RemoteTasks}, checks the fingerprint, then reads the payload through the call's allow-list
 * and calls the task; what comes back is a {@link CallReply}. A task that returns a future is
 * waited for here, on the member's executor thread. This class is the only one of taskwire's that
 * Hazelcast itself deserializes (see {@link HazelcastConfigs}).
 */
final class DispatchedTask implements Callable<byte[]>, Serializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final String fingerprint;
  private final String task;
  private final int attempt;
  private final byte[] payload;

  /** The driver's context fields as name/value pairs (see {@link RemoteContext}). */
  private final String[] context;

  private transient HazelcastInstance member;

  private DispatchedTask(
      String pipeline,
      String fingerprint,
      String task,
      int attempt,
      byte[] payload,
      String[] context) {
    this.pipeline = pipeline;
    this.fingerprint = fingerprint;
    this.task = task;
    this.attempt = attempt;
    this.payload = payload;
    this.context = context;
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
        CallPayload.write(call.instance(), call.arguments()),
        RemoteContext.pairs(call.context()));
  }

  /** A call with the given payload as it stands, as anyone who reaches a member can send one. */
  static DispatchedTask of(
      String pipeline, String fingerprint, String task, int attempt, byte[] payload) {
    return new DispatchedTask(pipeline, fingerprint, task, attempt, payload, new String[0]);
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
    RemoteTasks tasks =
        RemoteTaskLookup.find(
            loader,
            pipeline,
            fingerprint,
            "member " + member.getCluster().getLocalMember().getAddress());
    Object[] instanceAndArguments = CallPayload.read(payload, tasks, task);
    MemberContext.enter(member);
    ContextPropagator.Scope[] scopes =
        RemoteContext.restore(member, RemoteContext.fields(context), pipeline, task, attempt);
    try {
      return resultOf(
          tasks.call(instanceAndArguments[0], task, (Object[]) instanceAndArguments[1]));
    } finally {
      RemoteContext.close(scopes, pipeline, task);
      MemberContext.exit();
    }
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
}
