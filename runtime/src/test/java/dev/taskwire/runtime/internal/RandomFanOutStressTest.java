package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random fan-outs: collections of 0 to 24 elements, sync or async elements (completed later by
 * another thread), random concurrency limits, retries, failures, both failure policies, runs of
 * some targets, cancellation at a random moment, a CallerRunsPolicy pool, a listener that throws
 * Errors or a run() nested in a task of another run on a one-thread pool on some trials, and a
 * resume of every failed run; on a third of the trials {@code sum} takes the outcome of each
 * element, so that a failed element is handled and its siblings keep going. Each run checks that it
 * settles, that no element outlives it, that the concurrency limit held, that successful fan-outs
 * return every element's result in order, and, for half the trials, that listeners heard what
 * {@link ListenerContract} checks. Seeded: the seed of a failing trial is in the message; {@code
 * -Dtaskwire.stress.graphs=N} runs more.
 */
@Timeout(300)
class RandomFanOutStressTest extends StressFixture {
  private static final int TRIALS = Integer.getInteger("taskwire.stress.graphs", 60) * 3;

  @Test
  void randomFanOutsKeepEveryInvariant() {
    for (long seed : graphSeeds(20261127L, TRIALS)) {
      new Trial(new Random(seed), "seed " + seed).check();
    }
  }

  /** One random pipeline: grid -> work (fan-out) -> sum, and an independent side task. */
  private final class Trial {
    private final Random random;
    private final String name;
    private final int size;
    private final int limit;
    private final boolean async;
    private final int failing;
    private final boolean failOnce;

    /** Whether sum takes the outcome of each element rather than their results. */
    private final boolean outcomes;

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final List<Integer> succeeded = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<Integer> failedBefore =
        java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean firstRun = true;

    Trial(Random random, String name) {
      this.random = random;
      this.name = name;
      this.size = random.nextInt(25);
      this.limit = random.nextInt(5);
      this.async = random.nextBoolean();
      this.failing = random.nextInt(4) == 0 ? random.nextInt(Math.max(1, size)) : -1;
      this.failOnce = random.nextBoolean();
      this.outcomes = random.nextInt(3) == 0;
    }

    private TestPipeline pipeline() {
      List<Integer> grid = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        grid.add(i);
      }
      int delay = random.nextInt(3);
      TestPipeline pipeline =
          new TestPipeline()
              .value("grid", r -> grid)
              .forEach(
                  "work",
                  async ? TaskKind.ASYNC : TaskKind.VALUE,
                  "grid",
                  limit,
                  (element, r) -> element((Integer) element, delay),
                  "grid")
              .policy(
                  failOnce
                      ? TaskPolicy.none()
                          .retries(1)
                          .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                      : TaskPolicy.none());
      if (outcomes) {
        pipeline
            .value(
                "sum",
                r ->
                    r.<Integer>elementOutcomes(1).stream()
                        .filter(Outcome::isSuccess)
                        .mapToInt(Outcome::value)
                        .sum(),
                "work")
            .acceptingElementOutcomesOf("work");
      } else {
        pipeline.value(
            "sum", r -> r.<List<Integer>>value(1).stream().mapToInt(i -> i).sum(), "work");
      }
      return pipeline.value("side", r -> "side");
    }

    /**
     * Whether an element fails for good in the first run, which then fails unless it is handled.
     */
    private boolean failsForGood() {
      return failing >= 0 && failing < size && !failOnce;
    }

    private Object element(int element, int delayMillis) throws Exception {
      int now = running.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      // With a retry the failing element fails its first attempt only; without, the whole
      // first run (the resume then succeeds).
      boolean fails = element == failing && firstRun && (!failOnce || failedBefore.add(element));
      if (!async) {
        try {
          if (delayMillis > 0) {
            Thread.sleep(delayMillis);
          }
          if (fails) {
            throw new IllegalStateException("element " + element + " failed");
          }
          succeeded.add(element);
          return element * 2;
        } finally {
          running.decrementAndGet();
        }
      }
      CompletableFuture<Object> result = new CompletableFuture<>();
      remote.schedule(
          () -> {
            running.decrementAndGet();
            if (fails) {
              result.completeExceptionally(
                  new IllegalStateException("element " + element + " failed"));
            } else {
              succeeded.add(element);
              result.complete(element * 2);
            }
          },
          delayMillis,
          TimeUnit.MILLISECONDS);
      return result;
    }

    void check() {
      TestPipeline pipeline = pipeline();
      RunOptions options =
          RunOptions.defaults()
              .executor(executorFor(random))
              .onFailure(random.nextBoolean() ? FailurePolicy.FAIL_FAST : FailurePolicy.KEEP_GOING);
      ListenerContract contract = random.nextBoolean() ? new ListenerContract() : null;
      if (random.nextInt(6) == 0) {
        options = options.listener(faultyListener(1 + random.nextInt(5)));
      }
      if (contract != null) {
        options = options.listener(contract);
      }
      boolean partial = random.nextInt(4) == 0;
      boolean nested = !partial && random.nextInt(5) == 0;
      boolean cancel = random.nextInt(6) == 0;
      if (nested) {
        options = options.executor(onePool);
      }
      PipelineRun run;
      PipelineException failure = null;
      try {
        run =
            nested
                ? runNested(pipeline, options, cancel)
                : startAndAwait(pipeline, options, partial, cancel);
      } catch (PipelineException failed) {
        failure = failed;
        run = null;
      } catch (CancellationException cancelled) {
        assertTrue(cancel, name + ": cancelled without being asked");
        run = null;
      }
      if (!async) {
        assertEquals(0, running.get(), name + ": a sync element outlived its run");
      }
      assertTrue(
          limit == 0 || peak.get() <= limit,
          name + ": " + peak.get() + " elements at once, limit " + limit);
      if (run != null && !cancel) {
        if (outcomes && failsForGood()) {
          assertHandled(run, partial);
        } else {
          assertSuccess(run, partial);
        }
      }
      if (failure != null) {
        assertTrue(failing >= 0, name + ": failed without a failing element: " + failure);
        assertTrue(!outcomes, name + ": a failed element was taken as an outcome: " + failure);
        assertEquals("work[" + failing + "]", failure.failedTask(), name);
        firstRun = false;
        if (failOnce) {
          fail(name + ": a failure retried once should have succeeded");
        }
        // Resume with the fault gone: every element has succeeded once it is over.
        PipelineRun resumed =
            RunTemplate.of(pipeline.graph(), pipeline.invoker(), options).resume(null, failure);
        assertSuccess(resumed, partial);
        List<Integer> all = new ArrayList<>(succeeded);
        Collections.sort(all);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          expected.add(i);
        }
        assertTrue(all.containsAll(expected), name + ": resumed elements " + all);
      }
      if (contract != null) {
        assertEquals(List.of(), contract.violations(), name + ": listener events");
      }
    }

    /** Starts the run from this thread, cancels it at a random moment if asked, and awaits it. */
    private PipelineRun startAndAwait(
        TestPipeline pipeline, RunOptions options, boolean partial, boolean cancel) {
      PipelineRun run =
          partial
              ? RunTemplate.of(pipeline.graph(), pipeline.invoker(), options)
                  .start(pipeline.graph().indexOf("sum"))
              : pipeline.start(options);
      if (cancel) {
        LockSupport.parkNanos(random.nextInt(2_000_000)); // cancel at a random moment
        run.cancel();
      }
      run.await();
      return run;
    }

    /**
     * Calls run() from a task of another run on the same one-thread pool: the thread in run() must
     * work the elements itself, since the pool's one thread is that thread. A cancel stops the
     * outer run, which interrupts the thread in run() and so cancels the nested run.
     */
    private PipelineRun runNested(TestPipeline pipeline, RunOptions options, boolean cancel) {
      PipelineRun outer =
          new TestPipeline()
              .value(
                  "outer",
                  r -> {
                    try {
                      return pipeline.run(options);
                    } catch (PipelineException | CancellationException failed) {
                      return failed;
                    }
                  })
              .start(RunOptions.defaults().executor(onePool)); // the listeners are the trial's
      if (cancel) {
        LockSupport.parkNanos(random.nextInt(2_000_000));
        outer.cancel();
      }
      outer.await(); // a CancellationException if stopped before the nested run() began
      Object nested = outer.value(0);
      if (nested instanceof RuntimeException failed) {
        throw failed;
      }
      return (PipelineRun) nested;
    }

    /**
     * The failing element's failure was taken as its outcome: sum ran with every other element's
     * result, which all ran, whatever the failure policy.
     */
    private void assertHandled(PipelineRun run, boolean partial) {
      List<Outcome<Integer>> heard = run.elementOutcomes(1);
      assertEquals(size, heard.size(), name);
      int expectedSum = 0;
      for (int i = 0; i < size; i++) {
        if (i == failing) {
          assertEquals("element " + i + " failed", heard.get(i).failure().getMessage(), name);
        } else {
          assertEquals(i * 2, heard.get(i).value(), name + ": element " + i);
          expectedSum += i * 2;
        }
      }
      assertEquals(expectedSum, run.<Integer>value(2), name);
      assertEquals(size - 1, Set.copyOf(succeeded).size(), name + ": siblings kept going");
      if (!partial) {
        assertEquals("side", run.value(3), name);
      }
    }

    private void assertSuccess(PipelineRun run, boolean partial) {
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        expected.add(i * 2);
      }
      assertEquals(expected, run.value(1), name);
      assertEquals(expected.stream().mapToInt(i -> i).sum(), run.<Integer>value(2), name);
      if (!partial) {
        assertEquals("side", run.value(3), name);
      }
    }
  }
}
