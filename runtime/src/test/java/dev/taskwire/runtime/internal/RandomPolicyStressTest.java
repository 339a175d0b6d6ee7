package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.SharedLimit;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random DAGs (most small, some of hundreds of tasks) whose tasks have random retries and timeouts,
 * and whose every attempt is decided in advance: it succeeds, fails, or hangs until its timeout.
 * Runs fail fast or keep going, some are cancelled at a random moment, some run on a
 * CallerRunsPolicy pool (where the timer's hand-offs may run on the timer), some have a listener
 * that throws Errors. Every run checks that no attempt started before its prerequisites succeeded,
 * that no task was attempted more often than its policy allows, that a successful run took each
 * task's first good attempt, that an async task with oneAttemptAtATime (drawn on some trials; its
 * hanging attempts then complete late) never started an attempt while an earlier one was at work,
 * that every final failure surfaced, and, for half the runs, that listeners heard what {@link
 * ListenerContract} checks.
 *
 * <p>One trial in three (drawn from a Random of its own, so that the other trials draw what they
 * always did) is a limited one: a random subset of the tasks names the shared limit {@value
 * #LIMIT}, of 1 to 3 permits, and 2 to 4 runs of the graph share one {@link RunOptions}, and so the
 * one {@link SharedLimit}, at once: all started with {@code start()}, the last one on some trials
 * with {@code run()} on a thread of its own; some are cancelled at a random moment. Besides what
 * every run checks, a limited trial checks that no more attempts of limited tasks are at work at
 * once than the limit has permits (see {@link Trial#counted}), that every run settles, and that
 * once they all have, no permit is in use and no task waits for one; on some runs, that listeners
 * heard what {@link ListenerContract} checks, and that {@code taskLimited} came between a task's
 * scheduled, or retried, and its attempt's started.
 *
 * <p>Seeded: the seed of a failing graph is in the message; {@code -Dtaskwire.stress.seed=SEED}
 * runs that graph's trials alone. {@code -Dtaskwire.stress.graphs=N} runs more graphs (see the
 * README).
 */
@Timeout(300)
class RandomPolicyStressTest extends StressFixture {
  private static final int GRAPHS = Integer.getInteger("taskwire.stress.graphs", 60);
  private static final int RUNS_PER_GRAPH = 4;

  /** The shared limit that the limited tasks of a limited trial name. */
  private static final String LIMIT = "shared";

  /**
   * Mixed into a trial's seed for the Random that draws whether it is limited, and how: the trial's
   * other draws stay what they were before limits existed.
   */
  private static final long LIMIT_SALT = 0x51A7ED11_317E5L;

  /** How long a limited trial's run may take to settle before it counts as hung. */
  private static final long SETTLE_GUARD_NANOS = TimeUnit.SECONDS.toNanos(Settling.GUARD_SECONDS);

  /**
   * Whether limited trials check when taskLimited comes; on unless {@code
   * -Dtaskwire.stress.limitedEventOrder=false}. (It found the event sent after the task's wait was
   * queued, when a release on another thread could already have started the task.)
   */
  private static final boolean LIMITED_EVENT_ORDER =
      !"false".equals(System.getProperty("taskwire.stress.limitedEventOrder"));

  /** What the limited trials saw, printed with {@code -Dtaskwire.stress.verbose=true}. */
  private static final AtomicInteger limitedTrials = new AtomicInteger();

  private static final AtomicInteger limitedRuns = new AtomicInteger();
  private static final AtomicInteger trialsAtTheBound = new AtomicInteger();
  private static final AtomicInteger cancelledRuns = new AtomicInteger();
  private static final AtomicInteger failedRuns = new AtomicInteger();
  private static final AtomicInteger limitedEvents = new AtomicInteger();

  private enum Attempt {
    OK,
    FAIL,
    HANG
  }

  @Test
  void randomPoliciesKeepEveryInvariant() {
    for (long seed : graphSeeds(20261128L, GRAPHS)) {
      for (int run = 0; run < RUNS_PER_GRAPH; run++) {
        long trialSeed = seed * 31 + run;
        Trial trial =
            new Trial(new Random(seed), new Random(trialSeed), "seed " + seed + " run " + run);
        Random limits = new Random(trialSeed ^ LIMIT_SALT);
        if (limits.nextInt(3) == 0) {
          trial.checkLimited(limits);
        } else {
          trial.check();
        }
      }
    }
  }

  @AfterAll
  static void report() {
    if (Boolean.getBoolean("taskwire.stress.verbose")) {
      System.out.println(
          "RandomPolicyStressTest: "
              + limitedTrials
              + " limited trials ("
              + trialsAtTheBound
              + " reached the bound), "
              + limitedRuns
              + " runs ("
              + cancelledRuns
              + " cancelled, "
              + failedRuns
              + " failed), "
              + limitedEvents
              + " taskLimited events heard");
    }
  }

  /** What one run of a trial's graph saw, kept apart from the other runs sharing the graph. */
  private final class RunState {
    final AtomicIntegerArray atWork;
    final AtomicIntegerArray started;
    final AtomicIntegerArray succeeded;
    final AtomicInteger running = new AtomicInteger();

    RunState(int size) {
      this.atWork = new AtomicIntegerArray(size);
      this.started = new AtomicIntegerArray(size);
      this.succeeded = new AtomicIntegerArray(size);
    }
  }

  private final class Trial {
    final String label;
    final Random random;
    final int size;
    final int[][] dependencies;
    final boolean[] async;

    /** Tasks with a timeout: one may time out just as its attempt succeeds. */
    final boolean[] timed;

    final Attempt[][] attempts;

    /** Async tasks with oneAttemptAtATime, and how many of their attempts are at work. */
    final boolean[] oneAtATime;

    /** Tasks that name the shared limit (limited trials only). */
    final boolean[] limited;

    /**
     * The limited tasks whose attempts are counted in {@link #limitedAtWork}: each from the moment
     * its body begins to the moment its work ends, which must lie within the time the attempt holds
     * its permit (taken before the attempt starts, given back when the runtime ends the attempt). A
     * sync attempt's work ends when its body returns or throws, before the runtime ends the
     * attempt. An async attempt's work ends when the remote service is about to complete its reply,
     * before the runtime hears of it, or when the runtime cancels the reply (its timeout, a stop),
     * which it does before it ends the attempt: the reply is a {@link CountedReply}, which counts
     * the end in {@code cancel()} itself, on the cancelling thread, rather than in a callback that
     * another thread completing the future may run later. Not counted: the async tasks with
     * oneAttemptAtATime, whose timed-out attempt's reply is kept pending (not cancelled) after the
     * runtime has ended the attempt and given its permit back; its end is not seen from the
     * attempt. Their attempts still take permits, so the count is a lower bound on the permits in
     * use, and is exact on trials without oneAttemptAtATime.
     */
    final boolean[] counted;

    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final TestPipeline pipeline = new TestPipeline();

    /** Each run's state, by run (identity), made by whichever of its calls comes first. */
    final Map<PipelineRun, RunState> states = new ConcurrentHashMap<>();

    /** Attempts of counted tasks at work now, across the trial's runs, and the most seen. */
    final AtomicInteger limitedAtWork = new AtomicInteger();

    final AtomicInteger mostLimitedAtWork = new AtomicInteger();
    int permits;
    long[] expected;
    java.util.BitSet[] ancestors;

    Trial(Random shape, Random random, String label) {
      this.label = label;
      this.random = random;
      this.size = 1 + shape.nextInt(shape.nextInt(6) == 0 ? 300 : 25); // some of hundreds
      this.dependencies = new int[size][];
      this.async = new boolean[size];
      this.timed = new boolean[size];
      this.attempts = new Attempt[size][];
      for (int task = 0; task < size; task++) {
        int count = task == 0 ? 0 : shape.nextInt(Math.min(task, 3) + 1);
        dependencies[task] = shape.ints(0, Math.max(task, 1)).distinct().limit(count).toArray();
        async[task] = shape.nextInt(10) < 3;
        attempts[task] = new Attempt[1 + shape.nextInt(3)];
        for (int attempt = 0; attempt < attempts[task].length; attempt++) {
          int roll = shape.nextInt(100);
          attempts[task][attempt] =
              roll < 75 ? Attempt.OK : roll < 90 ? Attempt.FAIL : Attempt.HANG;
        }
      }
      this.oneAtATime = new boolean[size];
      this.limited = new boolean[size];
      this.counted = new boolean[size];
    }

    /** One run of the graph, alone. */
    void check() {
      boolean oneAttemptAtATime = random.nextInt(3) == 0;
      build(oneAttemptAtATime);
      boolean cancelDuringRun = random.nextInt(6) == 0;
      boolean keepGoing = random.nextBoolean();
      RunOptions options =
          RunOptions.defaults()
              .executor(executorFor(random))
              .onFailure(keepGoing ? FailurePolicy.KEEP_GOING : FailurePolicy.FAIL_FAST);
      ListenerContract contract = random.nextBoolean() ? new ListenerContract() : null;
      if (random.nextInt(6) == 0) {
        options = options.listener(faultyListener(1 + random.nextInt(5)));
      }
      if (contract != null) {
        options = options.listener(contract);
      }
      Throwable outcome = null;
      PipelineRun run = null;
      boolean cancelled = false;
      try {
        if (!cancelDuringRun && random.nextBoolean()) {
          run = pipeline.run(options);
        } else {
          run = pipeline.start(options);
          if (cancelDuringRun) {
            LockSupport.parkNanos(random.nextInt(2_000_000));
            cancelled = run.cancel();
          }
          run.await();
        }
      } catch (PipelineException | CancellationException thrown) {
        outcome = thrown;
      }
      // The one run's state; a run() that threw did not return the run.
      RunState state =
          run != null ? stateOf(run) : states.values().stream().findFirst().orElseGet(this::state);
      verify(label, state, run, outcome, cancelled, keepGoing, contract);
    }

    /**
     * Several runs of the graph at once, sharing one RunOptions and so one limit, which a random
     * subset of the tasks names. Draws from {@code limits} what is new to limited trials (the rest
     * from the trial's own Random, as check() does).
     */
    void checkLimited(Random limits) {
      permits = 1 + limits.nextInt(3);
      int count = 1 + limits.nextInt(Math.min(size, 24)); // a few, in a graph of hundreds
      limits.ints(0, size).distinct().limit(count).forEach(task -> limited[task] = true);
      int runs = 2 + limits.nextInt(3);
      boolean lastRunHere = limits.nextInt(3) == 0;
      boolean oneAttemptAtATime = random.nextInt(3) == 0;
      build(oneAttemptAtATime);
      boolean keepGoing = random.nextBoolean();
      RunOptions options =
          RunOptions.defaults()
              .executor(executorFor(random))
              .onFailure(keepGoing ? FailurePolicy.KEEP_GOING : FailurePolicy.FAIL_FAST)
              .limit(LIMIT, permits);
      if (random.nextInt(6) == 0) {
        options = options.listener(faultyListener(1 + random.nextInt(5)));
      }
      if (limits.nextInt(4) == 0) {
        options = options.listener(faultyWhenLimited(1 + limits.nextInt(3)));
      }
      RunChecks[] checks = new RunChecks[runs];
      for (int i = 0; i < runs; i++) {
        checks[i] = limits.nextBoolean() ? new RunChecks() : null;
      }
      if (Arrays.stream(checks).anyMatch(c -> c != null)) {
        options = options.listener(perRun(checks)); // the runs start in order, on one thread
      }
      SharedLimit limit = options.limits().get(LIMIT);
      String about =
          label
              + " ("
              + runs
              + " runs, limit of "
              + permits
              + " on t"
              + Arrays.toString(indicesOf(limited))
              + ")";

      PipelineRun[] started = new PipelineRun[runs];
      List<ScheduledFuture<Boolean>> cancels = new ArrayList<>(Collections.nCopies(runs, null));
      int startedHere = lastRunHere ? runs - 1 : runs;
      for (int i = 0; i < startedHere; i++) {
        started[i] = pipeline.start(options);
        if (limits.nextInt(4) == 0) {
          cancels.set(
              i,
              remote.schedule(started[i]::cancel, limits.nextInt(2_000_000), TimeUnit.NANOSECONDS));
        }
      }
      Throwable[] outcomes = new Throwable[runs];
      if (lastRunHere) {
        // run() on a thread of its own, which works the run's tasks (and parks while they wait
        // for permits) as a caller of run() does; this thread guards against its hanging.
        RunOptions shared = options;
        CompletableFuture<PipelineRun> here = new CompletableFuture<>();
        Thread caller =
            new Thread(
                () -> {
                  try {
                    here.complete(pipeline.run(shared));
                  } catch (Throwable thrown) {
                    here.completeExceptionally(thrown);
                  }
                },
                "stress-run-here");
        caller.setDaemon(true);
        caller.start();
        try {
          started[runs - 1] = here.get(SETTLE_GUARD_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException hung) {
          fail(about + ": run() did not return; " + limit + "\n" + snapshots(started));
        } catch (ExecutionException thrown) {
          if (!(thrown.getCause() instanceof PipelineException
              || thrown.getCause() instanceof CancellationException)) {
            throw new AssertionError(about + ": run() threw", thrown.getCause());
          }
          outcomes[runs - 1] = thrown.getCause();
        } catch (InterruptedException interrupted) {
          throw new AssertionError(interrupted);
        }
      }
      for (int i = 0; i < startedHere; i++) {
        outcomes[i] = settle(started[i], about + " run " + i, limit);
      }
      boolean[] cancelled = new boolean[runs];
      for (int i = 0; i < runs; i++) {
        cancelled[i] = cancels.get(i) != null && cancelledBy(cancels.get(i));
      }

      // Every run has settled: every attempt has ended, and with it its work.
      assertTrue(violations.isEmpty(), about + ": " + violations);
      assertEquals(
          0,
          limitedAtWork.get(),
          about + ": counted attempts of limited tasks still at work after every run settled");
      assertEquals(0, limit.inUse(), about + ": a permit leaked, " + limit);
      assertEquals(0, limit.waiting(), about + ": a task still waits, " + limit);

      for (int i = 0; i < runs; i++) {
        RunState state =
            started[i] != null ? stateOf(started[i]) : stateOfRunNotStartedHere(started);
        if (checks[i] != null) {
          assertEquals(List.of(), checks[i].violations(), about + " run " + i + ": limit events");
          limitedEvents.addAndGet(checks[i].limitedEvents());
        }
        verify(
            about + " run " + i,
            state,
            started[i],
            outcomes[i],
            cancelled[i],
            keepGoing,
            checks[i] == null ? null : checks[i].contract);
        if (outcomes[i] instanceof CancellationException) {
          cancelledRuns.incrementAndGet();
        } else if (outcomes[i] != null) {
          failedRuns.incrementAndGet();
        }
      }
      limitedTrials.incrementAndGet();
      limitedRuns.addAndGet(runs);
      if (mostLimitedAtWork.get() == permits) {
        trialsAtTheBound.incrementAndGet();
      }
    }

    /** Adds the tasks, each with its policy, drawn from the trial's Random. */
    private void build(boolean oneAttemptAtATime) {
      for (int task = 0; task < size; task++) {
        int index = task;
        String[] names =
            Arrays.stream(dependencies[task]).mapToObj(d -> "t" + d).toArray(String[]::new);
        if (async[task]) {
          pipeline.async("t" + task, r -> callAsync(index, r), names);
        } else {
          pipeline.value("t" + task, r -> callSync(index, r), names);
        }
        if (limited[task]) {
          pipeline.limit(LIMIT);
        }
        TaskPolicy policy =
            TaskPolicy.none()
                .retries(attempts[task].length - 1)
                .backoff(Duration.ofNanos(100_000), Duration.ofNanos(1_000_000));
        if (Arrays.asList(attempts[task]).contains(Attempt.HANG) || random.nextBoolean()) {
          policy = policy.timeout(Duration.ofMillis(20));
          timed[task] = true;
        }
        if (oneAttemptAtATime && async[task] && timed[task] && attempts[task].length > 1) {
          policy = policy.oneAttemptAtATime(true);
          oneAtATime[task] = true;
        }
        counted[task] = limited[task] && !oneAtATime[task];
        pipeline.policy(policy);
      }
    }

    /**
     * Waits for a run started here to settle, failing with the run's and the limit's state if it
     * does not in time; returns what await() threw, or null.
     */
    private Throwable settle(PipelineRun run, String about, SharedLimit limit) {
      long start = System.nanoTime();
      while (!run.isDone()) {
        if (System.nanoTime() - start > SETTLE_GUARD_NANOS) {
          fail(about + ": the run did not settle; " + limit + "\n" + run);
        }
        LockSupport.parkNanos(1_000_000);
      }
      try {
        run.await();
        return null;
      } catch (PipelineException | CancellationException thrown) {
        return thrown;
      }
    }

    /** Whether the scheduled cancel() stopped its run (it may have come after the run settled). */
    private boolean cancelledBy(ScheduledFuture<Boolean> cancel) {
      try {
        return cancel.get(SETTLE_GUARD_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException unexpected) {
        throw new AssertionError(label + ": cancel()", unexpected);
      }
    }

    /** The runs whose tasks were called, and that are not among {@code known}, with the states. */
    private String snapshots(PipelineRun[] known) {
      Set<PipelineRun> shown = Collections.newSetFromMap(new IdentityHashMap<>());
      StringBuilder text = new StringBuilder();
      for (PipelineRun run : known) {
        if (run != null && shown.add(run)) {
          text.append(run).append('\n');
        }
      }
      for (PipelineRun run : states.keySet()) {
        if (shown.add(run)) {
          text.append(run).append('\n');
        }
      }
      return text.toString();
    }

    /** The state of the run that run() did not return (it threw): the one not started here. */
    private RunState stateOfRunNotStartedHere(PipelineRun[] started) {
      Set<PipelineRun> known = Collections.newSetFromMap(new IdentityHashMap<>());
      known.addAll(Arrays.asList(started));
      List<RunState> others = new ArrayList<>();
      states.forEach(
          (run, state) -> {
            if (!known.contains(run)) {
              others.add(state);
            }
          });
      assertTrue(others.size() <= 1, label + ": " + others.size() + " runs unaccounted for");
      return others.isEmpty() ? state() : others.get(0);
    }

    private RunState state() {
      return new RunState(size);
    }

    private RunState stateOf(PipelineRun run) {
      return states.computeIfAbsent(run, r -> state());
    }

    /** What every run must keep, once it has settled. */
    private void verify(
        String label,
        RunState state,
        PipelineRun run,
        Throwable outcome,
        boolean cancelled,
        boolean keepGoing,
        ListenerContract contract) {
      assertTrue(violations.isEmpty(), label + ": " + violations);
      if (contract != null) {
        assertEquals(List.of(), contract.violations(), label + ": listener events");
      }
      assertEquals(0, state.running.get(), label + ": task code still running after await");
      for (int task = 0; task < size; task++) {
        assertTrue(
            state.started.get(task) <= attempts[task].length, label + ": t" + task + " overtried");
      }
      if (outcome == null) {
        for (int task = 0; task < size; task++) {
          // A timed task descheduled past its timeout may need one more attempt than planned.
          if (timed[task]) {
            assertTrue(state.started.get(task) >= firstGood(task) + 1, label + ": t" + task);
          } else {
            assertEquals(
                firstGood(task) + 1, state.started.get(task), label + ": attempts of t" + task);
          }
          assertEquals(expectedValue(task), (long) run.<Long>value(task), label);
        }
      } else if (outcome instanceof PipelineException failure) {
        for (String name : failure.failures().keySet()) {
          int task = Integer.parseInt(name.substring(1));
          assertTrue(state.started.get(task) > 0, label + ": " + name + " never ran");
          if (!timed[task]) {
            assertEquals(
                0, state.succeeded.get(task), label + ": " + name + " succeeded yet failed");
          }
        }
        if (keepGoing && !cancelled) {
          for (int task = 0; task < size; task++) {
            if (!blockedByFailure(task)) {
              assertEquals(1, state.succeeded.get(task), label + ": t" + task + " was skipped");
            }
          }
        }
      } else {
        assertTrue(cancelled, label + ": cancelled without cancel()");
      }
      for (int task = 0; task < size; task++) {
        if (firstGood(task) >= attempts[task].length && state.started.get(task) > 0) {
          assertNoDependentStarted(label, state, task);
        }
      }
    }

    private Object callSync(int task, PipelineRun run) throws Exception {
      RunState state = stateOf(run);
      Attempt attempt = begin(state, task);
      boolean counts = counted[task];
      if (counts) {
        beginLimited(task);
      }
      state.running.incrementAndGet();
      try {
        switch (attempt) {
          case OK:
            LockSupport.parkNanos(random.nextInt(100_000));
            state.succeeded.set(task, 1);
            return value(task, run);
          case FAIL:
            throw new Exception("injected failure of t" + task);
          default:
            while (!Thread.currentThread().isInterrupted()) {
              LockSupport.park(this); // only the timeout's interrupt ends this
            }
            throw new InterruptedException("t" + task + " hung");
        }
      } finally {
        state.running.decrementAndGet();
        if (counts) {
          limitedAtWork.decrementAndGet(); // the runtime ends the attempt after this returns
        }
      }
    }

    private Object callAsync(int task, PipelineRun run) {
      RunState state = stateOf(run);
      Attempt attempt = begin(state, task);
      if (oneAtATime[task] && state.atWork.getAndIncrement(task) > 0) {
        violations.add("t" + task + " started an attempt while an earlier one was at work");
      }
      long value = value(task, run);
      CompletableFuture<Long> reply;
      if (counted[task]) {
        beginLimited(task);
        reply = new CountedReply();
      } else {
        reply = new CompletableFuture<>();
      }
      if (attempt == Attempt.HANG && oneAtATime[task]) {
        // A hanging attempt would hold the retry until the run stops: this one ends late.
        remote.schedule(
            () -> {
              state.atWork.decrementAndGet(task);
              reply.completeExceptionally(new Exception("late failure of t" + task));
            },
            20 + random.nextInt(20),
            TimeUnit.MILLISECONDS);
      } else if (attempt != Attempt.HANG) {
        remote.schedule(
            () -> {
              if (oneAtATime[task]) {
                state.atWork.decrementAndGet(task); // before the reply, which may start the retry
              }
              if (reply instanceof CountedReply counted) {
                counted.end(); // before the reply, whose callback gives the permit back
              }
              if (attempt == Attempt.OK) {
                state.succeeded.set(task, 1);
                reply.complete(value);
              } else {
                reply.completeExceptionally(new Exception("injected failure of t" + task));
              }
            },
            random.nextInt(200_000),
            TimeUnit.NANOSECONDS);
      }
      return reply;
    }

    /** An attempt of a counted task begins: it holds a permit, so at most permits are at work. */
    private void beginLimited(int task) {
      int atWork = limitedAtWork.incrementAndGet();
      mostLimitedAtWork.accumulateAndGet(atWork, Math::max);
      if (atWork > permits) {
        violations.add(
            "t"
                + task
                + " began an attempt while "
                + (atWork - 1)
                + " attempts of limited tasks were at work, with "
                + permits
                + " permits");
      }
    }

    /**
     * The reply of a counted async attempt (see {@link #counted}), whose work ends once: when the
     * remote service completes it, or when the runtime cancels it.
     */
    private final class CountedReply extends CompletableFuture<Long> {
      private final AtomicBoolean ended = new AtomicBoolean();

      void end() {
        if (ended.compareAndSet(false, true)) {
          limitedAtWork.decrementAndGet();
        }
      }

      /** On the cancelling thread, before the runtime goes on to end the attempt. */
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        end();
        return super.cancel(mayInterruptIfRunning);
      }
    }

    private Attempt begin(RunState state, int task) {
      int attempt = state.started.incrementAndGet(task) - 1;
      for (int prerequisite : dependencies[task]) {
        if (state.succeeded.get(prerequisite) == 0) {
          violations.add("t" + task + " started before t" + prerequisite + " succeeded");
        }
      }
      if (attempt >= attempts[task].length) {
        violations.add("t" + task + " attempt " + (attempt + 1) + " beyond its policy");
        return Attempt.FAIL;
      }
      return attempts[task][attempt];
    }

    private long value(int task, PipelineRun run) {
      long value = task;
      for (int prerequisite : dependencies[task]) {
        value += run.<Long>value(prerequisite);
      }
      return value;
    }

    /** Memoized: paths through a DAG of hundreds of tasks are too many to walk each time. */
    private long expectedValue(int task) {
      if (expected == null) {
        expected = new long[size];
        for (int t = 0; t < size; t++) { // dependencies come first, so index order suffices
          expected[t] = t;
          for (int prerequisite : dependencies[t]) {
            expected[t] += expected[prerequisite];
          }
        }
      }
      return expected[task];
    }

    private int firstGood(int task) {
      int index = Arrays.asList(attempts[task]).indexOf(Attempt.OK);
      return index < 0 ? attempts[task].length : index;
    }

    /** Whether some task that this one needs, or it itself, may never succeed. */
    private boolean blockedByFailure(int task) {
      if (firstGood(task) >= attempts[task].length || timed[task]) {
        return true;
      }
      return ancestors(task).stream().anyMatch(a -> firstGood(a) >= attempts[a].length || timed[a]);
    }

    /** Every task this one depends on, directly or not. */
    private java.util.BitSet ancestors(int task) {
      if (ancestors == null) {
        ancestors = new java.util.BitSet[size];
        for (int t = 0; t < size; t++) {
          ancestors[t] = new java.util.BitSet(size);
          for (int prerequisite : dependencies[t]) {
            ancestors[t].set(prerequisite);
            ancestors[t].or(ancestors[prerequisite]);
          }
        }
      }
      return ancestors[task];
    }

    private void assertNoDependentStarted(String label, RunState state, int failedTask) {
      for (int task = failedTask + 1; task < size; task++) {
        if (dependsOn(task, failedTask) && state.started.get(task) > 0) {
          fail(label + ": t" + task + " ran although t" + failedTask + " failed");
        }
      }
    }

    private boolean dependsOn(int task, int upstream) {
      return ancestors(task).get(upstream);
    }
  }

  private static int[] indicesOf(boolean[] flags) {
    return java.util.stream.IntStream.range(0, flags.length).filter(i -> flags[i]).toArray();
  }

  /**
   * One listener for all of a limited trial's runs, as one RunOptions has: each run, as it starts,
   * gets the next of {@code checks} (or none, for a null).
   */
  private static TaskListener perRun(RunChecks[] checks) {
    AtomicInteger next = new AtomicInteger();
    return new TaskListener() {
      @Override
      public TaskListener forRun(RunEvent started) {
        int run = next.getAndIncrement();
        return run < checks.length ? checks[run] : null;
      }
    };
  }

  /** A listener that throws an {@link InjectedError} from one taskLimited in {@code every}. */
  private static TaskListener faultyWhenLimited(int every) {
    AtomicInteger events = new AtomicInteger();
    return new TaskListener() {
      @Override
      public void taskLimited(TaskEvent event, String limit) {
        if (events.incrementAndGet() % every == 0) {
          throw new InjectedError("taskLimited");
        }
      }
    };
  }

  /**
   * One run's listener in a limited trial: what {@link ListenerContract} checks, that taskLimited
   * names the trial's limit, and (see {@link #LIMITED_EVENT_ORDER}) that it comes after the task's
   * scheduled (or retried) and before that attempt's started, at most once per attempt, and within
   * the run, as {@link TaskListener#taskLimited} promises.
   */
  private static final class RunChecks implements TaskListener {
    final ListenerContract contract = new ListenerContract();

    /** Per task: "ready", "limited", "running" or "ended". Guarded by this. */
    private final Map<String, String> phase = new HashMap<>();

    /** Per task waiting for a permit: the attempt that taskLimited named. Guarded by this. */
    private final Map<String, Integer> limitedAttempt = new HashMap<>();

    private final List<String> violations = new ArrayList<>();
    private boolean finished;
    private int limitedEvents;

    synchronized List<String> violations() {
      return List.copyOf(violations);
    }

    synchronized int limitedEvents() {
      return limitedEvents;
    }

    private synchronized void enter(TaskEvent event, String now) {
      if (now.equals("running")) {
        Integer limitedFor = limitedAttempt.remove(event.task());
        if (limitedFor != null && limitedFor != event.attempt()) {
          violations.add(
              event.task()
                  + ": taskLimited named attempt "
                  + limitedFor
                  + ", attempt "
                  + event.attempt()
                  + " started");
        }
      } else {
        limitedAttempt.remove(event.task());
      }
      phase.put(event.task(), now);
    }

    @Override
    public void taskLimited(TaskEvent event, String limit) {
      synchronized (this) {
        limitedEvents++;
        String now = phase.get(event.task());
        if (!LIMIT.equals(limit)) {
          violations.add(event.task() + ": taskLimited names " + limit);
        } else if (!LIMITED_EVENT_ORDER) {
          return;
        } else if (finished) {
          violations.add(event.task() + ": taskLimited after runFinished");
        } else if (!"ready".equals(now)) {
          violations.add(
              event.task()
                  + ": taskLimited (attempt "
                  + event.attempt()
                  + ") while "
                  + (now == null ? "not scheduled" : now));
        } else {
          phase.put(event.task(), "limited");
          limitedAttempt.put(event.task(), event.attempt());
        }
      }
    }

    @Override
    public void runStarted(RunEvent event) {
      contract.runStarted(event);
    }

    @Override
    public void runFinished(RunEvent event) {
      synchronized (this) {
        finished = true;
      }
      contract.runFinished(event);
    }

    @Override
    public void taskScheduled(TaskEvent event) {
      enter(event, "ready");
      contract.taskScheduled(event);
    }

    @Override
    public void taskStarted(TaskEvent event) {
      enter(event, "running");
      contract.taskStarted(event);
    }

    @Override
    public void taskRetried(TaskEvent event) {
      enter(event, "ready");
      contract.taskRetried(event);
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      enter(event, "ended");
      contract.taskSucceeded(event);
    }

    @Override
    public void taskFailed(TaskEvent event) {
      enter(event, "ended");
      contract.taskFailed(event);
    }

    @Override
    public void taskCancelled(TaskEvent event) {
      enter(event, "ended");
      contract.taskCancelled(event);
    }

    @Override
    public void taskSkipped(TaskEvent event) {
      enter(event, "ended");
      contract.taskSkipped(event);
    }
  }
}
