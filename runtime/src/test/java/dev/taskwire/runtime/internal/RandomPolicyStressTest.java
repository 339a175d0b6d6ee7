package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
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
 * ListenerContract} checks. Seeded: the seed of a failing graph is in the message. {@code
 * -Dtaskwire.stress.graphs=N} runs more graphs (see the README).
 */
@Timeout(300)
class RandomPolicyStressTest extends StressFixture {
  private static final int GRAPHS = Integer.getInteger("taskwire.stress.graphs", 60);
  private static final int RUNS_PER_GRAPH = 4;

  private enum Attempt {
    OK,
    FAIL,
    HANG
  }

  @Test
  void randomPoliciesKeepEveryInvariant() {
    Random seeds = seeds(20261128L);
    for (int graph = 0; graph < GRAPHS; graph++) {
      long seed = seeds.nextLong();
      for (int run = 0; run < RUNS_PER_GRAPH; run++) {
        new Trial(new Random(seed), new Random(seed * 31 + run), "seed " + seed + " run " + run)
            .check();
      }
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

    final AtomicIntegerArray atWork;
    final AtomicIntegerArray started;
    final AtomicIntegerArray succeeded;
    final AtomicInteger running = new AtomicInteger();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final TestPipeline pipeline = new TestPipeline();
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
      this.atWork = new AtomicIntegerArray(size);
      this.started = new AtomicIntegerArray(size);
      this.succeeded = new AtomicIntegerArray(size);
    }

    void check() {
      boolean oneAttemptAtATime = random.nextInt(3) == 0;
      for (int task = 0; task < size; task++) {
        int index = task;
        String[] names =
            Arrays.stream(dependencies[task]).mapToObj(d -> "t" + d).toArray(String[]::new);
        if (async[task]) {
          pipeline.async("t" + task, r -> callAsync(index, r), names);
        } else {
          pipeline.value("t" + task, r -> callSync(index, r), names);
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
        pipeline.policy(policy);
      }
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
      assertTrue(violations.isEmpty(), label + ": " + violations);
      if (contract != null) {
        assertEquals(List.of(), contract.violations(), label + ": listener events");
      }
      assertEquals(0, running.get(), label + ": task code still running after await");
      for (int task = 0; task < size; task++) {
        assertTrue(started.get(task) <= attempts[task].length, label + ": t" + task + " overtried");
      }
      if (outcome == null) {
        for (int task = 0; task < size; task++) {
          // A timed task descheduled past its timeout may need one more attempt than planned.
          if (timed[task]) {
            assertTrue(started.get(task) >= firstGood(task) + 1, label + ": t" + task);
          } else {
            assertEquals(firstGood(task) + 1, started.get(task), label + ": attempts of t" + task);
          }
          assertEquals(expectedValue(task), (long) run.<Long>value(task), label);
        }
      } else if (outcome instanceof PipelineException failure) {
        for (String name : failure.failures().keySet()) {
          int task = Integer.parseInt(name.substring(1));
          assertTrue(started.get(task) > 0, label + ": " + name + " never ran");
          if (!timed[task]) {
            assertEquals(0, succeeded.get(task), label + ": " + name + " succeeded yet failed");
          }
        }
        if (keepGoing && !cancelled) {
          for (int task = 0; task < size; task++) {
            if (!blockedByFailure(task)) {
              assertEquals(1, succeeded.get(task), label + ": t" + task + " was skipped");
            }
          }
        }
      } else {
        assertTrue(cancelled, label + ": cancelled without cancel()");
      }
      for (int task = 0; task < size; task++) {
        if (firstGood(task) >= attempts[task].length && started.get(task) > 0) {
          assertNoDependentStarted(task);
        }
      }
    }

    private Object callSync(int task, PipelineRun run) throws Exception {
      Attempt attempt = begin(task, run);
      running.incrementAndGet();
      try {
        switch (attempt) {
          case OK:
            LockSupport.parkNanos(random.nextInt(100_000));
            succeeded.set(task, 1);
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
        running.decrementAndGet();
      }
    }

    private Object callAsync(int task, PipelineRun run) {
      Attempt attempt = begin(task, run);
      if (oneAtATime[task] && atWork.getAndIncrement(task) > 0) {
        violations.add("t" + task + " started an attempt while an earlier one was at work");
      }
      long value = value(task, run);
      CompletableFuture<Long> reply = new CompletableFuture<>();
      if (attempt == Attempt.HANG && oneAtATime[task]) {
        // A hanging attempt would hold the retry until the run stops: this one ends late.
        remote.schedule(
            () -> {
              atWork.decrementAndGet(task);
              reply.completeExceptionally(new Exception("late failure of t" + task));
            },
            20 + random.nextInt(20),
            TimeUnit.MILLISECONDS);
      } else if (attempt != Attempt.HANG) {
        remote.schedule(
            () -> {
              if (oneAtATime[task]) {
                atWork.decrementAndGet(task); // before the reply, which may start the retry
              }
              if (attempt == Attempt.OK) {
                succeeded.set(task, 1);
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

    private Attempt begin(int task, PipelineRun run) {
      int attempt = started.incrementAndGet(task) - 1;
      for (int prerequisite : dependencies[task]) {
        if (succeeded.get(prerequisite) == 0) {
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

    private void assertNoDependentStarted(int failedTask) {
      for (int task = failedTask + 1; task < size; task++) {
        if (dependsOn(task, failedTask) && started.get(task) > 0) {
          fail(label + ": t" + task + " ran although t" + failedTask + " failed");
        }
      }
    }

    private boolean dependsOn(int task, int upstream) {
      return ancestors(task).get(upstream);
    }
  }
}
