package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.SharedLimit;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.TraceRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shared limits: how many calls of the tasks naming a limit run at once, across every run sharing
 * the options. The bound holds exactly, a waiting task holds no thread, and every way an attempt
 * ends gives its permit back.
 */
@Timeout(60)
class SharedLimitTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  /** Async calls, each open until the test completes its future. */
  private static final class Service {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger mostOpen = new AtomicInteger();
    final ConcurrentLinkedQueue<CompletableFuture<String>> calls = new ConcurrentLinkedQueue<>();

    /** Queued before it counts as open: a test that sees it open can complete it. */
    CompletableFuture<String> call() {
      CompletableFuture<String> call = new CompletableFuture<>();
      calls.add(call);
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      return call;
    }

    /** Completes the oldest open call, closing it first; false if none is open. */
    boolean completeOne() {
      CompletableFuture<String> call = calls.poll();
      if (call == null) {
        return false;
      }
      open.decrementAndGet();
      call.complete("done");
      return true;
    }
  }

  /**
   * Completes {@code calls} calls one at a time, each only once as many are open as the limit
   * allows (fewer at the end): so the limit is reached every time, and exceeding it shows.
   */
  private static void completeAll(Service service, int calls, int limit) {
    for (int completed = 0; completed < calls; completed++) {
      while (service.open.get() < Math.min(limit, calls - completed)) {
        Thread.onSpinWait(); // the next permit's task is being pushed and called
      }
      assertTrue(service.completeOne());
    }
  }

  /** Spins until {@code count} tasks wait for the limit (they are queued on other threads). */
  private static void awaitWaiting(RunOptions options, int count) {
    while (limitOf(options).waiting() < count) {
      Thread.onSpinWait();
    }
    assertEquals(count, limitOf(options).waiting());
  }

  private static TestPipeline training(Service service) {
    return new TestPipeline().async("train", run -> service.call()).limit("automl");
  }

  private static SharedLimit limitOf(RunOptions options) {
    return options.limits().get("automl");
  }

  @Test
  void twoHundredRunsNeverHaveMoreThanTheLimitOpenAndAllFinish() {
    Service service = new Service();
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 4);
    TestPipeline pipeline = training(service);
    List<PipelineRun> runs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      runs.add(pipeline.start(options));
    }
    completeAll(service, 200, 4);
    for (PipelineRun run : runs) {
      run.await();
    }
    assertEquals(4, service.mostOpen.get(), "exactly the limit, never more");
    assertEquals(0, limitOf(options).inUse());
    assertEquals(0, limitOf(options).waiting());
  }

  /**
   * With the only permit held, four runs queue for it one after another: each starts only once the
   * run before it is in the queue ({@link SharedLimit#waiting()}, which counts the queue itself;
   * {@code taskLimited} is heard just before a task joins it). Released, the permit passes down the
   * queue in that order: each waiter's task records itself, and the next waiter gets the permit
   * only when that task's attempt has ended.
   */
  @RepeatedTest(5)
  void permitsGoFirstComeFirstServed() {
    Service service = new Service();
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    PipelineRun holder = training(service).start(options);
    while (service.open.get() < 1) {
      Thread.onSpinWait(); // the holder took the permit and called the service
    }
    List<String> served = new CopyOnWriteArrayList<>();
    List<String> queued = List.of("first", "second", "third", "fourth");
    List<PipelineRun> waiters = new ArrayList<>();
    for (String name : queued) {
      waiters.add(
          new TestPipeline()
              .value(
                  "train",
                  run -> {
                    served.add(name);
                    return name;
                  })
              .limit("automl")
              .start(options));
      awaitWaiting(options, waiters.size());
    }
    assertEquals(List.of(), served, "a waiter ran while the holder held the only permit");

    assertTrue(service.completeOne()); // the holder's call ends: its permit goes down the queue
    holder.await();
    for (PipelineRun waiter : waiters) {
      waiter.await();
    }
    assertEquals(queued, served);
    assertEquals(0, limitOf(options).inUse());
    assertEquals(0, limitOf(options).waiting());
  }

  /**
   * With the only permit held and the executor's only thread free, a task of another run that waits
   * for the permit leaves the thread to a task that names no limit.
   */
  @Test
  void aTaskWaitingForAPermitHoldsNoThread() throws Exception {
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    try {
      Service service = new Service();
      RunOptions options = RunOptions.defaults().executor(oneThread).limit("automl", 1);
      PipelineRun holder = training(service).start(options);
      while (service.open.get() < 1) {
        Thread.onSpinWait();
      }
      CountDownLatch unlimitedRan = new CountDownLatch(1);
      PipelineRun waiter =
          new TestPipeline()
              .value("limited", run -> "limited")
              .limit("automl")
              .value(
                  "unlimited",
                  run -> {
                    unlimitedRan.countDown();
                    return "free";
                  })
              .start(options);
      assertTrue(unlimitedRan.await(30, SECONDS), "the waiting task kept the only thread");
      awaitWaiting(options, 1);
      assertFalse(waiter.isDone());
      service.completeOne();
      holder.await();
      waiter.await();
      assertEquals("limited", waiter.<String>value(0));
      assertEquals(0, limitOf(options).inUse());
    } finally {
      oneThread.shutdownNow();
    }
  }

  @Test
  void aTimedOutAttemptGivesItsPermitBack() {
    Service service = new Service();
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    PipelineRun timesOut =
        new TestPipeline()
            .async("train", run -> service.call())
            .limit("automl")
            .policy(TaskPolicy.none().timeout(Duration.ofMillis(20)))
            .start(options);
    PipelineRun next = new TestPipeline().value("t", run -> "ran").limit("automl").start(options);
    next.await(); // only the timeout can give it the permit: the first call never completes
    assertEquals("ran", next.<String>value(0));
    assertThrows(RuntimeException.class, timesOut::await);
    assertEquals(0, limitOf(options).inUse());
  }

  @Test
  void cancellingTheHolderPassesThePermitOnAndCancellingAWaiterLeavesTheQueue() {
    Service service = new Service();
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    // One after another: which run holds the permit and which waits first must not be a race.
    PipelineRun holder = training(service).start(options);
    while (service.open.get() < 1) {
      Thread.onSpinWait(); // the holder took the permit and called the service
    }
    PipelineRun waiter = training(service).start(options);
    awaitWaiting(options, 1);
    PipelineRun cancelledWhileWaiting = training(service).start(options);
    awaitWaiting(options, 2);

    assertTrue(cancelledWhileWaiting.cancel());
    assertThrows(CancellationException.class, cancelledWhileWaiting::await);
    assertEquals(1, limitOf(options).waiting());

    assertTrue(holder.cancel());
    assertThrows(CancellationException.class, holder::await);
    while (service.open.get() < 2) {
      Thread.onSpinWait(); // the waiter, given the permit, is being called
    }
    service.calls.poll(); // the cancelled holder's call
    service.open.decrementAndGet();
    assertTrue(service.completeOne(), "the waiter's call");
    waiter.await();
    assertEquals(0, limitOf(options).inUse());
    assertEquals(0, limitOf(options).waiting());
  }

  /** A failed attempt waiting for its retry holds no permit: another run's task takes it. */
  @Test
  void aRetrysBackoffHoldsNoPermit() throws Exception {
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    CountDownLatch failedOnce = new CountDownLatch(1);
    PipelineRun retrying =
        new TestPipeline()
            .value(
                "flaky",
                run -> {
                  failedOnce.countDown();
                  throw new IllegalStateException("try again");
                })
            .limit("automl")
            .policy(TaskPolicy.none().retries(1).backoff(Duration.ofHours(1), Duration.ofHours(1)))
            .start(options);
    assertTrue(failedOnce.await(30, SECONDS));
    PipelineRun other = new TestPipeline().value("t", run -> "ran").limit("automl").start(options);
    other.await(); // the permit is free during the hour-long backoff
    assertTrue(retrying.cancel());
    assertThrows(CancellationException.class, retrying::await);
    assertEquals(0, limitOf(options).inUse());
  }

  @Test
  void noPermitLeaksAfterAThousandRandomCancellations() {
    Random random = new Random(42);
    Service service = new Service();
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 3);
    TestPipeline pipeline =
        new TestPipeline()
            .value("prepare", run -> "data")
            .async("train", run -> service.call(), "prepare")
            .limit("automl")
            .value("report", run -> run.value(1), "train")
            .limit("automl");
    List<PipelineRun> runs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      runs.add(pipeline.start(options));
      if (random.nextInt(3) == 0) {
        runs.get(random.nextInt(runs.size())).cancel();
      }
      if (random.nextBoolean()) {
        service.completeOne();
      }
    }
    for (PipelineRun run : runs) {
      while (!run.isDone()) {
        if (!service.completeOne()) {
          Thread.onSpinWait();
        }
      }
    }
    assertEquals(0, limitOf(options).inUse(), "a permit leaked");
    assertEquals(0, limitOf(options).waiting());
  }

  @Test
  void listenersHearWhenATaskWaitsForTheLimit() {
    Service service = new Service();
    List<String> limited = new java.util.concurrent.CopyOnWriteArrayList<>();
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskLimited(TaskEvent event, String limit) {
            limited.add(event.task() + " waits for " + limit);
          }
        };
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    PipelineRun first = training(service).start(options.listener(listener));
    while (service.open.get() < 1) {
      Thread.onSpinWait();
    }
    assertEquals(List.of(), limited, "a free permit is taken without a word");
    PipelineRun second = training(service).start(options.listener(listener));
    while (limited.isEmpty()) {
      Thread.onSpinWait();
    }
    assertEquals(List.of("train waits for automl"), limited);
    service.completeOne();
    while (!service.completeOne()) {
      Thread.onSpinWait();
    }
    first.await();
    second.await();
  }

  @Test
  void aTraceShowsTheTimeSpentWaitingForTheLimit() {
    Service service = new Service();
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    PipelineRun holder = training(service).start(options);
    while (service.open.get() < 1) {
      Thread.onSpinWait();
    }
    TraceRecorder recorder = new TraceRecorder();
    PipelineRun waiter = training(service).start(options.listener(recorder));
    awaitWaiting(options, 1);
    service.completeOne();
    while (!service.completeOne()) {
      Thread.onSpinWait();
    }
    holder.await();
    waiter.await();
    TaskSpan train = recorder.trace().task("train");
    assertTrue(train.limitWaitNanos() > 0, train.toString());
    assertTrue(recorder.trace().toHtml().contains(" for a permit of its limit"));
    assertTrue(recorder.trace().toChromeJson().contains("\"waited_for_limit\""));
  }

  /**
   * The permit comes free while a listener hears taskLimited (the listener completes the holder's
   * call): the task must not start before every listener has heard, since the event is sent while
   * the waiting thread still owns the task.
   */
  @Test
  void taskLimitedComesBeforeTheAttemptsTaskStarted() {
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    CompletableFuture<String> held = new CompletableFuture<>();
    PipelineRun holder =
        new TestPipeline().async("train", run -> held).limit("automl").start(options);
    while (limitOf(options).inUse() < 1) {
      Thread.onSpinWait();
    }
    List<String> heard = new CopyOnWriteArrayList<>();
    TaskListener freeing =
        new TaskListener() {
          @Override
          public void taskLimited(TaskEvent event, String limit) {
            held.complete("done"); // the holder's permit comes free now
            // Were the task already queued, the pool could start it now: give it every chance.
            for (int i = 0; i < 100_000 && !heard.contains("started"); i++) {
              Thread.yield();
            }
          }
        };
    TaskListener recorder =
        new TaskListener() {
          @Override
          public void taskLimited(TaskEvent event, String limit) {
            heard.add("limited");
          }

          @Override
          public void taskStarted(TaskEvent event) {
            heard.add("started");
          }
        };
    PipelineRun waiter =
        new TestPipeline()
            .value("train", run -> "ran")
            .limit("automl")
            .start(options.listener(freeing).listener(recorder));
    holder.await();
    waiter.await();
    assertEquals(List.of("limited", "started"), heard);
    assertEquals(0, limitOf(options).inUse());
  }

  /**
   * A permit given to a task of a run that stopped meanwhile, while the run's executor refuses
   * work, comes back when the refused task leaves.
   */
  @Test
  void aPermitGrantedToAStoppedRunWhoseExecutorRefusesIsGivenBack() {
    AtomicBoolean refusing = new AtomicBoolean();
    Executor closing =
        task -> {
          if (refusing.get()) {
            throw new RejectedExecutionException("shut down");
          }
          pool.execute(task);
        };
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 1);
    CompletableFuture<String> held = new CompletableFuture<>();
    PipelineRun holder =
        new TestPipeline().async("train", run -> held).limit("automl").start(options);
    PipelineRun waiter =
        new TestPipeline()
            .async(
                "watch",
                run -> {
                  CompletableFuture<String> watched = new CompletableFuture<>();
                  // The stop cancels this first: the holder's call completes, and its permit goes
                  // to "train" of this run, which has stopped.
                  var unused = watched.whenComplete((v, e) -> held.complete("done"));
                  return watched;
                })
            .async("train", run -> CompletableFuture.completedFuture("never"))
            .limit("automl")
            .start(options.executor(closing)); // a copy: the same limit
    awaitWaiting(options, 1);
    refusing.set(true);
    assertTrue(waiter.cancel());
    assertThrows(CancellationException.class, waiter::await);
    holder.await();
    assertEquals(0, limitOf(options).inUse(), "a permit leaked: " + limitOf(options));
  }

  @Test
  void aLimitTheOptionsDoNotSetIsNamedWhenTheRunStarts() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> training(new Service()).start(RunOptions.defaults().limit("other", 2)));
    assertEquals(
        "task 'train' of test.Pipeline takes a permit of limit 'automl', which the run's options"
            + " do not set: add RunOptions.limit(\"automl\", n), n being how many of its calls may"
            + " run at once",
        missing.getMessage());
  }

  @Test
  void fanOutElementsTakeAPermitEach() {
    Service service = new Service();
    RunOptions options = RunOptions.defaults().executor(pool).limit("automl", 2);
    PipelineRun run =
        new TestPipeline()
            .value("grid", r -> List.of(1, 2, 3, 4, 5, 6))
            .forEach(
                "train",
                dev.taskwire.runtime.TaskKind.ASYNC,
                "grid",
                0,
                (e, r) -> service.call(),
                "grid")
            .limit("automl")
            .start(options);
    completeAll(service, 6, 2);
    run.await();
    assertEquals(2, service.mostOpen.get());
    assertEquals(0, limitOf(options).inUse());
  }
}
