package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.store.ResultKey;
import dev.taskwire.runtime.store.ResultStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Many random DAGs, many runs each, with random delays, async tasks completed from another thread,
 * injected failures and cancellations at random moments; some runs on a CallerRunsPolicy pool, some
 * with a listener that throws Errors, some with a result store whose load or save throws an Error
 * for some tasks (which fails those tasks, as their own Error would). Every run checks the
 * scheduler's invariants, and one in four the listener events {@link ListenerContract} checks; the
 * seed of a failing graph is in the assertion message.
 */
@Timeout(120)
class RandomGraphStressTest extends StressFixture {
  private static final int GRAPHS = Integer.getInteger("taskwire.stress.graphs", 150);
  private static final int RUNS_PER_GRAPH = 8;

  @Test
  void randomGraphsKeepEveryInvariant() {
    for (long seed : graphSeeds(20261127L, GRAPHS)) {
      Shape shape = Shape.random(new Random(seed));
      for (int run = 0; run < RUNS_PER_GRAPH; run++) {
        new Trial(shape, new Random(seed * 31 + run), "seed " + seed + " run " + run).check();
      }
    }
  }

  /** A random DAG: task i depends only on tasks before it, so indices are a topological order. */
  private record Shape(int[][] dependencies, boolean[] async, double failureRate) {
    static Shape random(Random random) {
      int size = 1 + random.nextInt(30);
      int[][] dependencies = new int[size][];
      boolean[] async = new boolean[size];
      for (int task = 0; task < size; task++) {
        int count = task == 0 ? 0 : random.nextInt(Math.min(task, 4) + 1);
        dependencies[task] = random.ints(0, Math.max(task, 1)).distinct().limit(count).toArray();
        async[task] = random.nextInt(10) < 3;
      }
      return new Shape(dependencies, async, random.nextBoolean() ? 0 : 0.08);
    }

    int size() {
      return dependencies.length;
    }
  }

  private final class Trial {
    final Shape shape;
    final Random random;
    final String label;
    final boolean[] willFail;

    /** With a faulty store: per task, whether its load (1) or its save (2) throws an Error. */
    final int[] storeFault;

    /** Per task, 1 once an injected failure of it happened: its body's, or its store's. */
    final AtomicIntegerArray faulted;

    final AtomicIntegerArray starts;
    final AtomicIntegerArray finished;
    final AtomicInteger running = new AtomicInteger();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    TestPipeline pipeline;

    Trial(Shape shape, Random random, String label) {
      this.shape = shape;
      this.random = random;
      this.label = label;
      this.willFail = new boolean[shape.size()];
      for (int task = 0; task < shape.size(); task++) {
        willFail[task] = random.nextDouble() < shape.failureRate();
      }
      this.storeFault = new int[shape.size()];
      if (random.nextInt(6) == 0) {
        for (int task = 0; task < shape.size(); task++) {
          storeFault[task] = random.nextInt(12) == 0 ? 1 + random.nextInt(2) : 0;
        }
      }
      this.faulted = new AtomicIntegerArray(shape.size());
      this.starts = new AtomicIntegerArray(shape.size());
      this.finished = new AtomicIntegerArray(shape.size());
    }

    void check() {
      TestPipeline pipeline = new TestPipeline();
      this.pipeline = pipeline;
      long[] delays = random.longs(shape.size(), 0, 200_000).toArray();
      for (int task = 0; task < shape.size(); task++) {
        int index = task;
        String[] dependencyNames =
            java.util.Arrays.stream(shape.dependencies()[task])
                .mapToObj(d -> "t" + d)
                .toArray(String[]::new);
        if (shape.async()[task]) {
          pipeline.async("t" + task, r -> startAsync(index, r, delays[index]), dependencyNames);
        } else {
          pipeline.value("t" + task, r -> runSync(index, r, delays[index]), dependencyNames);
        }
      }
      // Cancelling needs start(); otherwise half the runs use run(), where this thread helps.
      boolean cancelDuringRun = random.nextInt(8) == 0;
      boolean blocking = !cancelDuringRun && random.nextBoolean();
      boolean keepGoing = !cancelDuringRun && random.nextBoolean();
      RunOptions options =
          RunOptions.defaults()
              .executor(executorFor(random))
              .onFailure(keepGoing ? FailurePolicy.KEEP_GOING : FailurePolicy.FAIL_FAST);
      // A listener on some runs only: most stay on the plain path, which has no run features.
      ListenerContract contract = random.nextInt(4) == 0 ? new ListenerContract() : null;
      if (random.nextInt(8) == 0) {
        options = options.listener(faultyListener(1 + random.nextInt(5)));
      }
      if (contract != null) {
        options = options.listener(contract);
      }
      if (java.util.Arrays.stream(storeFault).anyMatch(fault -> fault != 0)) {
        options = options.resultStore(new FaultyStore());
      }
      PipelineRun run = null;
      boolean cancelled = false;
      Throwable outcome = null;
      try {
        if (blocking) {
          run = pipeline.run(options);
        } else {
          run = pipeline.start(options);
          cancelled = cancelDuringRun && cancelSoon(run);
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
      for (int task = 0; task < shape.size(); task++) {
        assertTrue(starts.get(task) <= 1, label + ": t" + task + " started twice");
      }
      List<Integer> failed = new ArrayList<>();
      for (int task = 0; task < shape.size(); task++) {
        if (faulted.get(task) == 1) {
          failed.add(task);
        }
      }
      if (outcome == null) {
        assertTrue(failed.isEmpty(), label + ": failures " + failed + " but the run succeeded");
        for (int task = 0; task < shape.size(); task++) {
          assertEquals(1, starts.get(task), label + ": t" + task + " never ran");
          assertEquals(expectedValue(task), (long) run.<Long>value(task), label);
        }
      } else if (outcome instanceof PipelineException failure) {
        assertTrue(
            failed.stream().anyMatch(task -> ("t" + task).equals(failure.failedTask())),
            label + ": failed task " + failure.failedTask() + " not among " + failed);
        if (keepGoing) {
          checkKeptGoing(failure, failed);
        }
        for (int task : failed) {
          // A sync task is always waited for. A pending async task is given up once the run
          // stops, so its later failure is disregarded by design.
          if (!shape.async()[task]) {
            assertTrue(failure.failures().containsKey("t" + task), label + ": lost t" + task);
          }
        }
        for (String name : failure.failures().keySet()) {
          assertTrue(failed.contains(Integer.parseInt(name.substring(1))), label + ": " + name);
        }
      } else {
        assertTrue(cancelled, label + ": cancelled without cancel()");
      }
      for (int task : failed) {
        assertNoDependentStarted(task);
      }
    }

    /** Keeping going, every task clear of the failures ran, and nothing was cancelled. */
    private void checkKeptGoing(PipelineException failure, List<Integer> failed) {
      assertEquals(failed.size(), failure.failures().size(), label + ": lost a failure");
      PipelineRun run = PipelineRun.of(failure, pipeline.graph());
      for (int task = 0; task < shape.size(); task++) {
        int index = task;
        boolean blocked = failed.stream().anyMatch(f -> f == index || dependsOn(index, f));
        if (!blocked) {
          assertEquals(1, starts.get(task), label + ": t" + task + " was skipped");
          assertEquals(expectedValue(task), (long) run.<Long>value(task), label);
        }
      }
    }

    private boolean cancelSoon(PipelineRun run) {
      LockSupport.parkNanos(random.nextInt(300_000));
      return run.cancel();
    }

    private Object runSync(int task, PipelineRun run, long delayNanos) throws Exception {
      long value = begin(task, run);
      running.incrementAndGet();
      try {
        LockSupport.parkNanos(delayNanos);
        if (willFail[task]) {
          faulted.set(task, 1);
          throw new Exception("injected failure of t" + task);
        }
        return value;
      } finally {
        finished.set(task, 1);
        running.decrementAndGet();
      }
    }

    private Object startAsync(int task, PipelineRun run, long delayNanos) {
      long value = begin(task, run);
      CompletableFuture<Long> reply = new CompletableFuture<>();
      remote.schedule(
          () -> {
            finished.set(task, 1);
            if (willFail[task]) {
              faulted.set(task, 1);
              reply.completeExceptionally(new Exception("injected failure of t" + task));
            } else {
              reply.complete(value);
            }
          },
          delayNanos,
          TimeUnit.NANOSECONDS);
      return reply;
    }

    /** Keeps nothing; its load or save throws an Error for the tasks {@link #storeFault} says. */
    private final class FaultyStore implements ResultStore {
      @Override
      public Optional<Object> load(ResultKey key) {
        fault(key, 1);
        return Optional.empty();
      }

      @Override
      public void save(ResultKey key, Object result) {
        fault(key, 2);
      }

      private void fault(ResultKey key, int where) {
        int task = Integer.parseInt(key.task().substring(1));
        if (storeFault[task] == where) {
          faulted.set(task, 1);
          throw new InjectedError((where == 1 ? "load" : "save") + " of t" + task);
        }
      }
    }

    /** Checks that every prerequisite finished, and computes this task's value from theirs. */
    private long begin(int task, PipelineRun run) {
      if (starts.incrementAndGet(task) > 1) {
        violations.add("t" + task + " started twice");
      }
      long value = task;
      for (int prerequisite : shape.dependencies()[task]) {
        if (finished.get(prerequisite) == 0) {
          violations.add("t" + task + " started before t" + prerequisite + " finished");
        }
        value += run.<Long>value(prerequisite);
      }
      return value;
    }

    private long expectedValue(int task) {
      long value = task;
      for (int prerequisite : shape.dependencies()[task]) {
        value += expectedValue(prerequisite);
      }
      return value;
    }

    private void assertNoDependentStarted(int failedTask) {
      for (int task = failedTask + 1; task < shape.size(); task++) {
        if (dependsOn(task, failedTask) && starts.get(task) > 0) {
          fail(label + ": t" + task + " ran although t" + failedTask + " failed");
        }
      }
    }

    private boolean dependsOn(int task, int upstream) {
      for (int prerequisite : shape.dependencies()[task]) {
        if (prerequisite == upstream || dependsOn(prerequisite, upstream)) {
          return true;
        }
      }
      return false;
    }
  }
}
