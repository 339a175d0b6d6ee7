package dev.taskwire.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
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
 * {@link RemoteTasks}, checks the fingerprint, then reads the payload and calls the task. A task
 * that returns a future is waited for here, on the member's executor thread.
 */
final class DispatchedTask implements Callable<Object>, Serializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  private final String pipeline;
  private final String fingerprint;
  private final String task;
  private final int attempt;
  private final byte[] payload;
  private transient HazelcastInstance member;

  private DispatchedTask(
      String pipeline, String fingerprint, String task, int attempt, byte[] payload) {
    this.pipeline = pipeline;
    this.fingerprint = fingerprint;
    this.task = task;
    this.attempt = attempt;
    this.payload = payload;
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
        CallPayload.write(call.instance(), call.arguments()));
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    this.member = member;
  }

  @Override
  public Object call() throws Exception {
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
    Object[] instanceAndArguments = CallPayload.read(payload, tasks.getClass().getClassLoader());
    MemberContext.enter(member);
    try {
      return resultOf(
          tasks.call(instanceAndArguments[0], task, (Object[]) instanceAndArguments[1]));
    } catch (Exception | Error thrown) {
      throw thrown;
    } catch (Throwable neither) {
      // Callable.call() may throw only these two kinds; a direct Throwable subclass is rare.
      throw new ExecutionException(neither);
    } finally {
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
