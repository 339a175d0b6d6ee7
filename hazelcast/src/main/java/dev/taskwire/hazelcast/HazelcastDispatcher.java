package dev.taskwire.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MemberSelector;
import com.hazelcast.cluster.memberselector.MemberSelectors;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.remote.TaskDispatcher;
import dev.taskwire.runtime.remote.WorkerLostException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

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
 * a member picked at random among those the {@linkplain Builder#members selector} accepts (by
 * default the data members, so a lite-member or client driver never runs them itself), and its
 * result comes back. With a {@linkplain Builder#batchSize batch size} above 1, calls dispatched
 * together (the elements of a fan-out) go to members in batches, one message each. Every member
 * needs the same build of the pipeline on its class path: a member with another build fails the
 * task with a {@link dev.taskwire.runtime.remote.FingerprintMismatchException} naming both
 * fingerprints.
 *
 * <p>What crosses the wire is read back only as the classes the task's signature declares: a member
 * reads the pipeline object and arguments through the call's allow-list (from the pipeline's
 * generated {@code RemoteTasks}) and the driver the result through the task's (see {@link
 * dev.taskwire.runtime.serial.AllowList}); any other class fails the task with a {@link
 * dev.taskwire.runtime.serial.RejectedClassException}, which is not retried. Configure members and
 * clients with {@link HazelcastConfigs}, so that members can read taskwire's calls ({@link
 * TaskwireSerializerFactory}; a member that cannot fails the task with an {@link
 * IllegalStateException} saying so), Hazelcast's own deserialization is restricted too, and members
 * join only the cluster you name.
 *
 * <p>If the member running a task leaves or dies before it answers, the task fails with a {@link
 * WorkerLostException} and the run re-runs it on another member (see {@link
 * dev.taskwire.runtime.remote.TaskDispatcher}), up to {@link Builder#rerunsWhenMemberLost} times. A
 * task's own exception comes back as its failure, and its {@code @Task} retries and timeout apply
 * as for a local task; a timeout or a cancelled run cancels the call on the member. Thread-safe;
 * one dispatcher serves any number of runs.
 */
public final class HazelcastDispatcher implements TaskDispatcher {
  /** Replies up to this many bytes are read on the thread they arrive on. */
  static final int READ_WHERE_IT_ARRIVES = 16 * 1024;

  private final HazelcastInstance hazelcast;
  private final IExecutorService executor;
  private final MemberSelector members;
  private final int rerunsWhenMemberLost;

  /**
   * Sends batches, reads large replies and sends cancels, off the run's and Hazelcast's threads.
   */
  private final Executor threads;

  /** Gathers calls into batches; null when each call goes alone. */
  private final CallBatcher batcher;

  private HazelcastDispatcher(Builder builder) {
    this.hazelcast = builder.hazelcast;
    this.executor = builder.hazelcast.getExecutorService(builder.executorName);
    this.members = builder.members;
    this.rerunsWhenMemberLost = builder.rerunsWhenMemberLost;
    this.threads = builder.threads;
    this.batcher =
        builder.batchSize > 1 ? new CallBatcher(this, builder.batchSize, builder.threads) : null;
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
    // The reply is read with the loader of the thread that dispatched: the application's.
    PendingCall pending =
        new PendingCall(call, task, Thread.currentThread().getContextClassLoader(), threads);
    // A timeout or a stopped run cancels the result: stop the task on the member too.
    var unused = pending.result.whenComplete(pending);
    if (batcher != null) {
      batcher.add(pending);
    } else {
      Member target;
      try {
        target = pickMember();
      } catch (RuntimeException refused) {
        fail(List.of(pending), refused, null);
        return pending.result;
      }
      send(List.of(pending), target);
    }
    return pending.result;
  }

  /**
   * Sends {@code calls} to {@code target} in one message: a lone call as a {@link DispatchedTask},
   * several as a {@link DispatchedBatch}; completes each call's result when the answer comes.
   */
  void send(List<PendingCall> calls, Member target) {
    if (calls.size() > 1) {
      for (PendingCall call : calls) {
        call.sentWith(calls);
      }
    }
    Future<byte[]> submitted;
    try {
      submitted =
          calls.size() == 1
              ? executor.submitToMember(calls.get(0).task, target)
              : executor.submitToMember(new DispatchedBatch(calls), target);
    } catch (Throwable refused) { // an Error too: a call must not wait for ever
      fail(calls, refused, null);
      return;
    }
    // Members' and clients' executor futures are CompletableFutures in Hazelcast 5. Their callbacks
    // without an executor go to Hazelcast's default executor, which on a machine of two cores or
    // fewer starts a thread per callback; this one runs where the answer arrives (a small answer is
    // read there, a large one on a dispatcher thread), and the run hands the task's dependents to
    // its own threads.
    var unusedAnswer =
        ((CompletableFuture<?>) submitted)
            .whenCompleteAsync(
                (answer, failure) -> {
                  // Completing one call may stop the run and cancel the others: the answer is in,
                  // there is nothing left to cancel on the member.
                  for (int i = 0; i < calls.size(); i++) {
                    calls.get(i).answered();
                  }
                  if (failure != null) {
                    fail(calls, failure, target);
                  } else if (!(answer instanceof byte[] reply)) {
                    failNotAReply(calls, answer, target);
                  } else if (reply.length <= READ_WHERE_IT_ARRIVES) {
                    complete(calls, reply, target);
                  } else {
                    threads.execute(() -> complete(calls, reply, target));
                  }
                },
                Runnable::run);
    for (int i = 0; i < calls.size(); i++) { // no iterator: a lone call's path allocates little
      calls.get(i).submitted(submitted);
    }
  }

  /**
   * Fails each of {@code calls} with {@code failure} as {@link #translate} reads it for the call.
   * Each call of a batch gets an exception of its own: the calls may belong to different runs, and
   * a run adds to its task's failure (an earlier attempt's, as suppressed), which another run must
   * not see.
   *
   * @param member the member the calls went to, or null if they went nowhere
   */
  void fail(List<PendingCall> calls, Throwable failure, Member member) {
    for (PendingCall call : calls) {
      Throwable translated = translate(failure, call.call, member);
      if (calls.size() > 1 && translated == unwrap(failure)) {
        translated = batchFailed(translated, calls, member);
      }
      call.result.completeExceptionally(translated);
    }
  }

  /**
   * The failure of each call of a batch that failed as a whole with {@code cause}: refused if it
   * went nowhere ({@code member} null), else an IllegalStateException naming the member.
   */
  private static RuntimeException batchFailed(
      Throwable cause, List<PendingCall> calls, Member member) {
    String batch = describe(calls);
    return member == null
        ? new RejectedExecutionException(batch + " could not be sent: " + cause, cause)
        : new IllegalStateException(
            batch + " to member " + member.getAddress() + " failed: " + cause, cause);
  }

  /** Fails each of {@code calls}, whose {@code member} answered {@code answer}, not bytes. */
  private static void failNotAReply(List<PendingCall> calls, Object answer, Member member) {
    String what =
        (answer == null ? "null" : "a " + answer.getClass().getName())
            + (calls.size() == 1 ? ", not its reply" : ", not their replies");
    for (PendingCall call : calls) {
      call.result.completeExceptionally(badAnswer(member, calls, what, null));
    }
  }

  /**
   * The failure of a call whose member answered {@code calls} with {@code what} instead of their
   * replies: a new exception for each call, as in {@link #fail}.
   */
  private static IllegalStateException badAnswer(
      Member member, List<PendingCall> calls, String what, Throwable cause) {
    return new IllegalStateException(
        "member " + member.getAddress() + " answered " + describe(calls) + " with " + what, cause);
  }

  /** "a call (task 't' of p.P)", or "a batch of 3 calls (task 't' of p.P)": its first call's. */
  private static String describe(List<PendingCall> calls) {
    RemoteCall first = calls.get(0).call;
    return (calls.size() == 1 ? "a call" : "a batch of " + calls.size() + " calls")
        + " (task '"
        + first.task()
        + "' of "
        + first.pipeline()
        + ")";
  }

  /**
   * Completes each call with its reply in {@code answer} from {@code member}: the reply itself for
   * a lone call.
   */
  private static void complete(List<PendingCall> calls, byte[] answer, Member member) {
    if (calls.size() == 1) {
      calls.get(0).complete(answer);
      return;
    }
    byte[][] replies;
    try {
      replies = DispatchedBatch.replies(answer, calls.size());
    } catch (IOException | RuntimeException malformed) {
      for (PendingCall call : calls) {
        call.result.completeExceptionally(
            badAnswer(
                member,
                calls,
                "replies taskwire cannot read: " + malformed.getMessage(),
                malformed));
      }
      return;
    }
    for (int i = 0; i < replies.length; i++) {
      calls.get(i).complete(replies[i]);
    }
  }

  /**
   * The members the selector accepts, starting at a random one, as Hazelcast's executor would pick;
   * the dispatcher picks itself to name the member if it cannot read a call.
   *
   * @throws RejectedExecutionException if there are none
   */
  List<Member> selectedMembers() {
    Set<Member> all = hazelcast.getCluster().getMembers();
    List<Member> selected = new ArrayList<>(all.size());
    for (Member member : all) {
      if (members.select(member)) {
        selected.add(member);
      }
    }
    if (selected.isEmpty()) {
      throw noneSelected(all);
    }
    Collections.rotate(selected, ThreadLocalRandom.current().nextInt(selected.size()));
    return selected;
  }

  /** A member the selector accepts, at random. */
  private Member pickMember() {
    Set<Member> all = hazelcast.getCluster().getMembers();
    Member picked = null;
    int accepted = 0;
    for (Member member : all) {
      // Each accepted member replaces the pick with probability 1/accepted: all equally likely.
      if (members.select(member) && ThreadLocalRandom.current().nextInt(++accepted) == 0) {
        picked = member;
      }
    }
    if (picked == null) {
      throw noneSelected(all);
    }
    return picked;
  }

  private RejectedExecutionException noneSelected(Set<Member> all) {
    return new RejectedExecutionException(
        "none of the " + all.size() + " members of the cluster is selected by " + members);
  }

  /** How many calls wait for the batches' sender; 0 without batches. For tests. */
  int callsWaiting() {
    return batcher == null ? 0 : batcher.waiting();
  }

  @Override
  public int rerunsWhenWorkerLost() {
    return rerunsWhenMemberLost;
  }

  /**
   * The task's own exception, a {@link WorkerLostException} if its member was lost, or an {@link
   * IllegalStateException} if the member cannot read taskwire's calls or batches.
   *
   * @param member the member the call went to, or null if it went nowhere
   */
  private Throwable translate(Throwable failure, RemoteCall call, Member member) {
    Throwable cause = unwrap(failure);
    if (isSerializationFailure(
        cause,
        "No DataSerializerFactory registered for namespace: "
            + TaskwireSerializerFactory.FACTORY_ID)) {
      return new IllegalStateException(
          "member "
              + (member == null ? "?" : member.getAddress())
              + " cannot read task '"
              + call.task()
              + "' of "
              + call.pipeline()
              + ": its serialization config lacks taskwire's TaskwireSerializerFactory (factory id "
              + TaskwireSerializerFactory.FACTORY_ID
              + "); configure the member with HazelcastConfigs.member(...) or"
              + " HazelcastConfigs.configureSerialization(config.getSerializationConfig())",
          cause);
    }
    if (isSerializationFailure(
        cause,
        "namespace: "
            + TaskwireSerializerFactory.FACTORY_ID
            + ", classId: "
            + TaskwireSerializerFactory.DISPATCHED_BATCH
            + ",")) {
      return new IllegalStateException(
          "member "
              + (member == null ? "?" : member.getAddress())
              + " cannot read a batch of calls (task '"
              + call.task()
              + "' of "
              + call.pipeline()
              + "): its taskwire-hazelcast is older than batches; put the driver's version on"
              + " every member, or send each call alone (batchSize 1)",
          cause);
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

  /** The failure inside Hazelcast's and the JDK's wrappers. */
  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Whether {@code cause} is Hazelcast's failure to read something, saying {@code text}. */
  private static boolean isSerializationFailure(Throwable cause, String text) {
    return cause instanceof HazelcastSerializationException
        && String.valueOf(cause.getMessage()).contains(text);
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
    private int batchSize = 1;
    private Executor threads = DispatcherThreads.EXECUTOR;

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

    /**
     * Up to how many calls go to one member in one message; 1, the default, sends each call alone
     * the moment the run dispatches it.
     *
     * <p>Each message costs Hazelcast an invocation and an operation on both sides (about 3 KB and
     * tens of microseconds), so a fan-out of many short dispatched tasks spends less per task in
     * batches. What it gives up: a batch's calls run one after another on one executor thread of
     * their member, and each call's result comes back with the whole batch's. So batch calls of
     * short tasks, in batches small enough to keep every member's executor threads busy: the
     * dispatcher spreads a burst of calls over the selected members, in as many batches as it
     * needs, and over as many members as there are calls. Calls are sent by a thread of taskwire's
     * own ({@code taskwire-hazelcast-N}): those the run dispatches before it runs go in one round
     * of batches, so a lone call pays one hand-off between threads, and a fan-out throttled with
     * {@code maxConcurrency}, which dispatches its elements as earlier ones end, makes batches of
     * at most that many. A batch whose member is lost re-runs each of its calls as a lone call
     * would be re-run; a call's timeout or a cancelled run cancels a batch on its member once none
     * of its calls is wanted.
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Where batches are sent, large replies read and cancels sent; {@link DispatcherThreads} unless
     * a test says otherwise.
     */
    Builder dispatcherThreads(Executor threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    public HazelcastDispatcher build() {
      return new HazelcastDispatcher(this);
    }
  }
}
