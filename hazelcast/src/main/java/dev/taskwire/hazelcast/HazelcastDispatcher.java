package dev.taskwire.hazelcast;

import com.hazelcast.cluster.MemberSelector;
import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.remote.TaskDispatcher;
import dev.taskwire.runtime.remote.WorkerLostException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs the {@code @Distributed} tasks of a pipeline on a Hazelcast cluster:
 *
 * <pre>{@code
 * HazelcastInstance hazelcast = HazelcastClient.newHazelcastClient();   // or a member, or a lite member
 * RunOptions options = RunOptions.defaults()
 *     .dispatcher(HazelcastDispatcher.builder(hazelcast).build());
 * new TrainingRunner(training, options).run();
 * }</pre>
 *
 * <p>The driver (this JVM) keeps the graph and schedules; each dispatched task is sent with its
 * arguments through the cluster's {@link IExecutorService} (named {@code "taskwire"} unless set) to
 * a member the engine picks among those the {@linkplain Builder#members selector} accepts (by
 * default the data members, so a lite-member or client driver never runs them itself), and its
 * result comes back. Every member needs the same build of the pipeline on its class path: a member
 * with another build fails the task with a {@link
 * dev.taskwire.runtime.remote.FingerprintMismatchException} naming both fingerprints.
 *
 * <p>What crosses the wire is read back only as the classes the task's signature declares: a member
 * reads the pipeline object and arguments through the call's allow-list (from the pipeline's
 * generated {@code RemoteTasks}) and the driver the result through the task's (see {@link
 * dev.taskwire.runtime.serial.AllowList}); any other class fails the task with a {@link
 * dev.taskwire.runtime.serial.RejectedClassException}, which is not retried. Configure members and
 * clients with {@link HazelcastConfigs}, so that Hazelcast's own deserialization is restricted too
 * and members join only the cluster you name.
 *
 * <p>If the member running a task leaves or dies before it answers, the task fails with a {@link
 * WorkerLostException} and the run re-runs it on another member (see {@link
 * dev.taskwire.runtime.remote.TaskDispatcher}), up to {@link Builder#rerunsWhenMemberLost} times. A
 * task's own exception comes back as its failure, and its {@code @Task} retries and timeout apply
 * as for a local task; a timeout or a cancelled run cancels the call on the member. Thread-safe;
 * one dispatcher serves any number of runs.
 */
public final class HazelcastDispatcher implements TaskDispatcher {
  private final HazelcastInstance hazelcast;
  private final IExecutorService executor;
  private final MemberSelector members;
  private final int rerunsWhenMemberLost;

  private HazelcastDispatcher(Builder builder) {
    this.hazelcast = builder.hazelcast;
    this.executor = builder.hazelcast.getExecutorService(builder.executorName);
    this.members = builder.members;
    this.rerunsWhenMemberLost = builder.rerunsWhenMemberLost;
  }

  /** Starts a dispatcher that sends tasks through {@code hazelcast}: a member or a client. */
  public static Builder builder(HazelcastInstance hazelcast) {
    return new Builder(hazelcast);
  }

  @Override
  public CompletionStage<Object> dispatch(RemoteCall call) {
    DispatchedTask task;
    try {
      task = DispatchedTask.of(call);
    } catch (IOException notSerializable) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "cannot send task '"
                  + call.task()
                  + "' of "
                  + call.pipeline()
                  + " to the cluster: "
                  + notSerializable,
              notSerializable));
    }
    Future<byte[]> submitted;
    try {
      submitted = executor.submit(task, members);
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(translate(refused, call));
    }
    // The reply is read with the loader of the thread that dispatched: the application's.
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    CompletableFuture<Object> result = new CompletableFuture<>();
    // Members' and clients' executor futures are CompletableFutures in Hazelcast 5.
    ((CompletionStage<?>) submitted)
        .whenComplete(
            (reply, failure) -> {
              if (failure != null) {
                result.completeExceptionally(translate(failure, call));
                return;
              }
              try {
                result.complete(CallReply.read((byte[]) reply, call, loader));
              } catch (Throwable failed) { // the task's own failure, or a refused reply
                result.completeExceptionally(failed);
              }
            });
    // A timeout or a stopped run cancels the result: stop the task on the member too. Best effort:
    // if the cancel fails (say the client is closing), the run has moved on and no one could act.
    var unused =
        result.whenComplete(
            (value, failure) -> {
              if (result.isCancelled()) {
                submitted.cancel(true);
              }
            });
    return result;
  }

  @Override
  public int rerunsWhenWorkerLost() {
    return rerunsWhenMemberLost;
  }

  /** The task's own exception, or a {@link WorkerLostException} if its member was lost. */
  private Throwable translate(Throwable failure, RemoteCall call) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (LostMember.isLost(cause) && hazelcast.getLifecycleService().isRunning()) {
      return new WorkerLostException(
          "the member running attempt "
              + call.attempt()
              + " of task '"
              + call.task()
              + "' of "
              + call.pipeline()
              + " was lost: "
              + cause,
          cause);
    }
    return cause;
  }

  @Override
  public String toString() {
    return "HazelcastDispatcher{" + hazelcast.getName() + ", executor=" + executor.getName() + "}";
  }

  /** Settings of a {@link HazelcastDispatcher}; each has a default. */
  public static final class Builder {
    private final HazelcastInstance hazelcast;
    private String executorName = "taskwire";
    private MemberSelector members = MemberSelectors.DATA_MEMBER_SELECTOR;
    private int rerunsWhenMemberLost = 3;

    private Builder(HazelcastInstance hazelcast) {
      this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
    }

    /**
     * The executor service tasks go through, {@code "taskwire"} by default; configure its pool size
     * on the members with an {@code ExecutorConfig} of that name (Hazelcast's default is 16 threads
     * per member).
     */
    public Builder executorName(String executorName) {
      this.executorName = Objects.requireNonNull(executorName, "executorName");
      return this;
    }

    /**
     * The members tasks may run on, e.g. {@code member ->
     * "true".equals(member.getAttribute("gpu"))}; by default every data (non-lite) member.
     */
    public Builder members(MemberSelector members) {
      this.members = Objects.requireNonNull(members, "members");
      return this;
    }

    /** How often one task may be re-run because its member was lost; 3 by default. */
    public Builder rerunsWhenMemberLost(int reruns) {
      if (reruns < 0) {
        throw new IllegalArgumentException("reruns must not be negative: " + reruns);
      }
      this.rerunsWhenMemberLost = reruns;
      return this;
    }

    public HazelcastDispatcher build() {
      return new HazelcastDispatcher(this);
    }
  }
}
