package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.store.ResultKey;
import dev.taskwire.runtime.store.ResultStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exact events each task gets, path by path, as {@link TaskListener} promises them: {@code
 * scheduled} once when the task becomes ready, {@code started} before each attempt, {@code retried}
 * after each attempt that is retried, and exactly one terminal event (succeeded, failed, cancelled
 * or skipped), last. No test sleeps: latches and executors that stop at a chosen hand-off decide
 * every interleaving.
 */
@Timeout(30)
class ListenerOrderTest {
  private static final List<String> SUCCEEDED = List.of("scheduled", "started 1", "succeeded");

  /** Every event, in the order the listener heard them. */
  static final class Recorder implements TaskListener {
    /** One event: the task's name ("run" for the run's own events) and what happened. */
    record Entry(String task, String what, TaskEvent event) {}

    final List<Entry> entries = new CopyOnWriteArrayList<>();
    final List<RunEvent> runs = new CopyOnWriteArrayList<>();

    /** Called (on the thread of the event) before an event of this kind is recorded. */
    volatile java.util.function.Consumer<Entry> hook = entry -> {};

    private void add(TaskEvent event, String what) {
      Entry entry = new Entry(event.task(), what, event);
      hook.accept(entry);
      entries.add(entry);
    }

    @Override
    public void runStarted(RunEvent event) {
      runs.add(event);
      entries.add(new Entry("run", "started", null));
    }

    @Override
    public void runFinished(RunEvent event) {
      runs.add(event);
      entries.add(new Entry("run", "finished", null));
    }

    @Override
    public void taskScheduled(TaskEvent event) {
      add(event, "scheduled");
    }

    @Override
    public void taskStarted(TaskEvent event) {
      add(event, "started " + event.attempt());
    }

    @Override
    public void taskRetried(TaskEvent event) {
      add(event, "retried " + event.attempt());
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      add(event, event.fromStore() ? "succeeded from store" : "succeeded");
    }

    @Override
    public void taskFailed(TaskEvent event) {
      add(event, "failed");
    }

    @Override
    public void taskCancelled(TaskEvent event) {
      add(event, "cancelled");
    }

    @Override
    public void taskSkipped(TaskEvent event) {
      add(event, "skipped");
    }

    /** What happened to {@code task}, in order. */
    List<String> of(String task) {
      return entries.stream().filter(e -> e.task().equals(task)).map(Entry::what).toList();
    }

    /** The event of {@code task} that was {@code what}. */
    TaskEvent event(String task, String what) {
      return entries.stream()
          .filter(e -> e.task().equals(task) && e.what().equals(what))
          .findFirst()
          .orElseThrow(() -> new AssertionError(task + " " + what + " missing from " + entries))
          .event();
    }

    int indexOf(String task, String what) {
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).task().equals(task) && entries.get(i).what().equals(what)) {
          return i;
        }
      }
      throw new AssertionError(task + " " + what + " missing from " + entries);
    }

    /**
     * Checks the promise for every task (see {@link ListenerContract#violation}), that exactly the
     * {@code included} tasks have events, and that the run's events enclose everything.
     */
    void assertContract(String... included) {
      assertEquals(new Entry("run", "started", null), entries.get(0), entries.toString());
      assertEquals(
          new Entry("run", "finished", null), entries.get(entries.size() - 1), entries.toString());
      Set<String> tasks = new LinkedHashSet<>();
      entries.stream().map(Entry::task).filter(t -> !t.equals("run")).forEach(tasks::add);
      assertEquals(Set.of(included), tasks, "the tasks with events: " + entries);
      for (String task : tasks) {
        List<String> events = of(task);
        assertNull(ListenerContract.violation(events), task + ": " + events);
      }
    }
  }

  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void shutDownPools() {
    pools.forEach(ExecutorService::shutdownNow);
  }

  private ExecutorService pool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    return pool;
  }

  /**
   * Hands helpers to {@code pool}, but on hand-off number {@code stopAt} (from 1) first counts down
   * {@code reached} and waits for {@code proceed}: the thread making that hand-off holds still.
   */
  private static Executor stoppingAt(
      int stopAt, CountDownLatch reached, CountDownLatch proceed, Executor pool) {
    AtomicInteger handOffs = new AtomicInteger();
    return helper -> {
      if (handOffs.incrementAndGet() == stopAt) {
        reached.countDown();
        awaitQuietly(proceed);
      }
      pool.execute(helper);
    };
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, SECONDS), "timed out waiting for a latch");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, SECONDS), "timed out waiting for a latch");
  }

  private static TestPipeline.Body never(String task) {
    return run -> fail(task + " must not be called");
  }

  /** The check the stress tests rely on rejects what listeners were sent before. */
  @Test
  void theContractCheckRejectsBrokenSequences() {
    for (List<String> broken :
        List.of(
            List.of("scheduled", "cancelled"), // stopped before it started, one of two races
            List.of("scheduled", "retried 1", "failed"), // a refused hand-off, retried
            List.of("scheduled", "started 1", "retried 1", "skipped"), // a retry never begun
            List.of("scheduled"), // an element released after a stop
            List.of("started 1", "succeeded", "failed"),
            List.of("scheduled", "started 2", "succeeded"),
            List.of("scheduled", "started 1", "retried 1", "succeeded"),
            List.of("succeeded"),
            List.of("skipped", "scheduled"))) {
      assertTrue(ListenerContract.violation(broken) != null, broken.toString());
    }
    for (List<String> kept :
        List.of(
            List.of("scheduled", "started 1", "succeeded from store"),
            List.of("scheduled", "failed"),
            List.of("scheduled", "skipped"),
            List.of("skipped"),
            List.of("scheduled", "started 1", "retried 1", "cancelled"),
            List.of("scheduled", "started 1", "retried 1", "started 2", "failed"))) {
      assertNull(ListenerContract.violation(kept), kept.toString());
    }
  }

  // ---- tasks that run to their end --------------------------------------------------------------

  @Test
  void aTaskThatSucceeds() {
    Recorder recorder = new Recorder();
    new TestPipeline()
        .value("a", r -> 1)
        .value("b", r -> r.<Integer>value(0) + 1, "a")
        .run(RunOptions.defaults().listener(recorder));
    assertEquals(SUCCEEDED, recorder.of("a"));
    assertEquals(SUCCEEDED, recorder.of("b"));
    assertTrue(recorder.indexOf("a", "succeeded") < recorder.indexOf("b", "scheduled"));
    recorder.assertContract("a", "b");
  }

  @Test
  void aSyncTaskThatFailsFailsFastAndItsDependentsAreSkipped() {
    Recorder recorder = new Recorder();
    IOException gone = new IOException("gone");
    assertThrows(
        PipelineException.class,
        () ->
            new TestPipeline()
                .value(
                    "load",
                    r -> {
                      throw gone;
                    })
                .value("use", never("use"), "load")
                .value("report", never("report"), "use")
                .run(RunOptions.defaults().listener(recorder)));
    assertEquals(List.of("scheduled", "started 1", "failed"), recorder.of("load"));
    assertSame(gone, recorder.event("load", "failed").error());
    assertEquals(List.of("skipped"), recorder.of("use"));
    assertEquals(List.of("skipped"), recorder.of("report"));
    recorder.assertContract("load", "use", "report");
  }

  @Test
  void anAsyncTaskThatSucceeds() {
    Recorder recorder = new Recorder();
    CompletableFuture<Object> reply = new CompletableFuture<>();
    PipelineRun run =
        new TestPipeline()
            .async("fetch", r -> reply)
            .value("use", r -> r.<Integer>value(0) + 1, "fetch")
            .start(RunOptions.defaults().listener(recorder));
    assertEquals(List.of("scheduled", "started 1"), recorder.of("fetch"));
    reply.complete(41);
    run.await();
    assertEquals(SUCCEEDED, recorder.of("fetch"));
    assertEquals(SUCCEEDED, recorder.of("use"));
    recorder.assertContract("fetch", "use");
  }

  @Test
  void anAsyncTaskThatFails() {
    Recorder recorder = new Recorder();
    CompletableFuture<Object> reply = new CompletableFuture<>();
    IOException refused = new IOException("refused");
    PipelineRun run =
        new TestPipeline()
            .async("fetch", r -> reply)
            .value("use", never("use"), "fetch")
            .start(RunOptions.defaults().listener(recorder));
    reply.completeExceptionally(refused);
    assertThrows(PipelineException.class, run::await);
    assertEquals(List.of("scheduled", "started 1", "failed"), recorder.of("fetch"));
    assertSame(refused, recorder.event("fetch", "failed").error());
    assertEquals(List.of("skipped"), recorder.of("use"));
    recorder.assertContract("fetch", "use");
  }

  @Test
  void aTaskRetriedThenSucceeded() {
    Recorder recorder = new Recorder();
    AtomicInteger calls = new AtomicInteger();
    IOException flaked = new IOException("flaked");
    new TestPipeline()
        .value(
            "flaky",
            r -> {
              if (calls.incrementAndGet() == 1) {
                throw flaked;
              }
              return 1;
            })
        .policy(TaskPolicy.none().retries(2).backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
        .run(RunOptions.defaults().listener(recorder));
    assertEquals(
        List.of("scheduled", "started 1", "retried 1", "started 2", "succeeded"),
        recorder.of("flaky"));
    assertSame(flaked, recorder.event("flaky", "retried 1").error());
    assertEquals(2, recorder.event("flaky", "succeeded").attempt());
    recorder.assertContract("flaky");
  }

  @Test
  void aSyncTaskThatTimesOut() {
    Recorder recorder = new Recorder();
    assertThrows(
        PipelineException.class,
        () ->
            new TestPipeline()
                .value(
                    "slow",
                    r -> {
                      new CountDownLatch(1).await(); // until the timeout interrupts it
                      return 1;
                    })
                .policy(TaskPolicy.none().timeout(Duration.ofMillis(20)))
                .value("use", never("use"), "slow")
                .run(RunOptions.defaults().listener(recorder)));
    assertEquals(List.of("scheduled", "started 1", "failed"), recorder.of("slow"));
    assertInstanceOf(TimeoutException.class, recorder.event("slow", "failed").error());
    assertEquals(List.of("skipped"), recorder.of("use"));
    recorder.assertContract("slow", "use");
  }

  @Test
  void anAsyncTaskThatTimesOut() {
    Recorder recorder = new Recorder();
    CompletableFuture<Object> reply = new CompletableFuture<>();
    PipelineRun run =
        new TestPipeline()
            .async("slow", r -> reply)
            .policy(TaskPolicy.none().timeout(Duration.ofMillis(20)))
            .start(RunOptions.defaults().listener(recorder));
    assertThrows(PipelineException.class, run::await);
    assertEquals(List.of("scheduled", "started 1", "failed"), recorder.of("slow"));
    assertInstanceOf(TimeoutException.class, recorder.event("slow", "failed").error());
    assertTrue(reply.isCancelled());
    recorder.assertContract("slow");
  }

  // ---- tasks the run stops -------------------------------------------------------------------

  @Test
  void aSyncTaskCancelledWhileRunningIsInterrupted() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value(
                "wait",
                r -> {
                  started.countDown();
                  new CountDownLatch(1).await(); // until cancel() interrupts it
                  return 1;
                })
            .value("after", never("after"), "wait")
            .start(RunOptions.defaults().listener(recorder));
    await(started);
    assertTrue(run.cancel());
    assertThrows(CancellationException.class, run::await);
    assertEquals(List.of("scheduled", "started 1", "cancelled"), recorder.of("wait"));
    assertInstanceOf(CancellationException.class, recorder.event("wait", "cancelled").error());
    assertEquals(List.of("skipped"), recorder.of("after"));
    recorder.assertContract("wait", "after");
  }

  @Test
  void anAsyncTaskCancelledWhileItsFutureIsPending() {
    Recorder recorder = new Recorder();
    CompletableFuture<Object> reply = new CompletableFuture<>();
    PipelineRun run =
        new TestPipeline()
            .async("fetch", r -> reply)
            .value("after", never("after"), "fetch")
            .start(RunOptions.defaults().listener(recorder));
    assertTrue(run.cancel());
    assertThrows(CancellationException.class, run::await);
    assertTrue(reply.isCancelled());
    assertEquals(List.of("scheduled", "started 1", "cancelled"), recorder.of("fetch"));
    assertEquals(List.of("skipped"), recorder.of("after"));
    recorder.assertContract("fetch", "after");
  }

  /**
   * Two ready tasks and one pool thread: the thread runs one, which blocks; the other waits on the
   * ready stack when the run is cancelled, and the thread takes it only after. Whichever of the two
   * runs first, the other is skipped: scheduled, never started.
   */
  @Test
  void aReadyTaskStillWaitingWhenTheRunStopsIsSkipped() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TestPipeline.Body block =
        r -> {
          calls.incrementAndGet();
          started.countDown();
          new CountDownLatch(1).await(); // until cancel() interrupts it
          return 1;
        };
    PipelineRun run =
        new TestPipeline()
            .value("one", block)
            .value("two", block)
            .start(RunOptions.defaults().executor(pool(1)).listener(recorder));
    await(started);
    assertTrue(run.cancel());
    assertThrows(CancellationException.class, run::await);
    assertEquals(1, calls.get());
    String ran = recorder.of("one").contains("started 1") ? "one" : "two";
    String waited = ran.equals("one") ? "two" : "one";
    assertEquals(List.of("scheduled", "started 1", "cancelled"), recorder.of(ran));
    assertEquals(List.of("scheduled", "skipped"), recorder.of(waited));
    recorder.assertContract("one", "two");
  }

  /**
   * A thread has taken a ready task from the stack but not yet started it when the run is
   * cancelled: it holds still in the hand-off of a helper for the other ready task (which a thread
   * seated elsewhere in the HelperWatch makes between taking a task and starting it). It then sees
   * the stop and leaves the task unstarted: skipped, exactly like the task that was still on the
   * stack.
   */
  @Test
  void aReadyTaskTakenButNotYetStartedWhenTheRunStopsIsSkippedToo() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    PipelineRun run =
        new TestPipeline()
            .value("one", never("one"))
            .value("two", never("two"))
            .value("after", never("after"), "one", "two")
            .start(
                RunOptions.defaults()
                    .executor(stoppingAt(2, taken, cancelled, SeatedElsewhere.executor(pool(2))))
                    .listener(recorder));
    await(taken);
    assertTrue(run.cancel());
    cancelled.countDown();
    assertThrows(CancellationException.class, run::await);
    assertEquals(List.of("scheduled", "skipped"), recorder.of("one"));
    assertEquals(List.of("scheduled", "skipped"), recorder.of("two"));
    assertEquals(List.of("skipped"), recorder.of("after"));
    recorder.assertContract("one", "two", "after");
  }

  /**
   * A task that failed its first attempt is ready for its second when the run is cancelled: it had
   * started, so it ends cancelled (with its last failure as the cause), never skipped.
   */
  @Test
  void aTaskReadyForItsNextAttemptWhenTheRunStopsIsCancelled() throws Exception {
    Recorder recorder = new Recorder();
    CompletableFuture<Object> firstAttempt = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch readyAgain = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    IOException flaked = new IOException("flaked");
    // An async task whose first attempt fails on this thread: no worker thread is left behind to
    // take the retry before the run is cancelled; the retry's helper is the first hand-off.
    PipelineRun run =
        new TestPipeline()
            .async(
                "flaky",
                r -> {
                  assertEquals(1, calls.incrementAndGet(), "the second attempt must not start");
                  return firstAttempt;
                })
            .policy(
                TaskPolicy.none().retries(1).backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
            .value("after", never("after"), "flaky")
            .start(
                RunOptions.defaults()
                    .executor(stoppingAt(1, readyAgain, cancelled, pool(1)))
                    .listener(recorder));
    firstAttempt.completeExceptionally(flaked);
    await(readyAgain);
    assertTrue(run.cancel());
    cancelled.countDown();
    assertThrows(CancellationException.class, run::await);
    assertEquals(List.of("scheduled", "started 1", "retried 1", "cancelled"), recorder.of("flaky"));
    assertSame(flaked, recorder.event("flaky", "cancelled").error().getCause());
    assertEquals(List.of("skipped"), recorder.of("after"));
    recorder.assertContract("flaky", "after");
  }

  @Test
  void aTaskCancelledDuringItsBackoffIsCancelled() throws Exception {
    Recorder recorder = new Recorder();
    CountDownLatch retried = new CountDownLatch(1);
    recorder.hook =
        entry -> {
          if (entry.what().equals("retried 1")) {
            retried.countDown();
          }
        };
    PipelineRun run =
        new TestPipeline()
            .value(
                "flaky",
                r -> {
                  throw new IOException("flaked");
                })
            .policy(
                TaskPolicy.none().retries(1).backoff(Duration.ofMinutes(1), Duration.ofMinutes(1)))
            .start(RunOptions.defaults().listener(recorder));
    await(retried);
    assertTrue(run.cancel());
    assertThrows(CancellationException.class, run::await);
    assertEquals(List.of("scheduled", "started 1", "retried 1", "cancelled"), recorder.of("flaky"));
    recorder.assertContract("flaky");
  }

  // ---- tasks that end without running ----------------------------------------------------------

  @Test
  void aRefusedHandOffFailsTheTaskWithoutStartingOrRetryingIt() {
    Recorder recorder = new Recorder();
    RejectedExecutionException rejection = new RejectedExecutionException("pool is shut down");
    PipelineRun run =
        new TestPipeline()
            .value("a", never("a"))
            .policy(
                TaskPolicy.none().retries(3).backoff(Duration.ofMillis(1), Duration.ofMillis(1)))
            .value("b", never("b"), "a")
            .start(
                RunOptions.defaults()
                    .executor(
                        helper -> {
                          throw rejection;
                        })
                    .listener(recorder));
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertSame(rejection, thrown.getCause());
    assertEquals(List.of("scheduled", "failed"), recorder.of("a"));
    assertSame(rejection, recorder.event("a", "failed").error());
    assertEquals(List.of("skipped"), recorder.of("b"));
    recorder.assertContract("a", "b");
  }

  @Test
  void refusedHandOffsKeepingGoingFailEveryReadyTask() {
    Recorder recorder = new Recorder();
    PipelineRun run =
        new TestPipeline()
            .value("a", never("a"))
            .value("b", never("b"))
            .start(
                RunOptions.defaults()
                    .onFailure(FailurePolicy.KEEP_GOING)
                    .executor(
                        helper -> {
                          throw new RejectedExecutionException("full");
                        })
                    .listener(recorder));
    assertThrows(PipelineException.class, run::await);
    assertEquals(List.of("scheduled", "failed"), recorder.of("a"));
    assertEquals(List.of("scheduled", "failed"), recorder.of("b"));
    recorder.assertContract("a", "b");
  }

  /** A store that keeps results in memory, as FileResultStore keeps them in files. */
  private static final class MemoryStore implements ResultStore {
    final Map<ResultKey, Object> results = new ConcurrentHashMap<>();

    @Override
    public Optional<Object> load(ResultKey key) {
      return Optional.ofNullable(results.get(key));
    }

    @Override
    public void save(ResultKey key, Object result) {
      results.put(key, result);
    }
  }

  @Test
  void aResultFromTheStoreIsStartedAndSucceedsFromTheStore() {
    MemoryStore store = new MemoryStore();
    AtomicInteger calls = new AtomicInteger();
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "size",
                r -> {
                  calls.incrementAndGet();
                  return 3;
                })
            .value(
                "doubled",
                r -> {
                  calls.incrementAndGet();
                  return r.<Integer>value(0) * 2;
                },
                "size");
    Recorder first = new Recorder();
    pipeline.run(RunOptions.defaults().resultStore(store).listener(first));
    assertEquals(2, calls.get());
    assertEquals(SUCCEEDED, first.of("size"));
    assertEquals(SUCCEEDED, first.of("doubled"));

    Recorder second = new Recorder();
    PipelineRun run = pipeline.run(RunOptions.defaults().resultStore(store).listener(second));
    assertEquals(2, calls.get(), "neither method is called again");
    assertEquals(6, run.<Integer>value(1));
    List<String> fromStore = List.of("scheduled", "started 1", "succeeded from store");
    assertEquals(fromStore, second.of("size"));
    assertEquals(fromStore, second.of("doubled"));
    assertFalse(second.event("size", "started 1").fromStore());
    second.assertContract("size", "doubled");
  }

  // ---- fan-outs, failure policies and partial runs ---------------------------------------------

  @Test
  void theElementsOfAFanOutEndBeforeTheirTask() {
    Recorder recorder = new Recorder();
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", r -> List.of(1, 2, 3))
            .forEach("train", TaskKind.VALUE, "grid", 0, (element, r) -> element, "grid")
            .value("best", r -> 1, "train");
    pipeline.run(RunOptions.defaults().listener(recorder));
    int train = pipeline.graph().indexOf("train");
    for (int i = 0; i < 3; i++) {
      String element = "train[" + i + "]";
      assertEquals(SUCCEEDED, recorder.of(element));
      TaskEvent ended = recorder.event(element, "succeeded");
      assertTrue(ended.isElement());
      assertEquals(i, ended.element());
      assertEquals(train, ended.index());
      assertTrue(recorder.indexOf("train", "started 1") < recorder.indexOf(element, "scheduled"));
      assertTrue(recorder.indexOf(element, "succeeded") < recorder.indexOf("train", "succeeded"));
    }
    assertEquals(SUCCEEDED, recorder.of("train"));
    assertFalse(recorder.event("train", "succeeded").isElement());
    assertEquals(SUCCEEDED, recorder.of("best"));
    recorder.assertContract("grid", "train", "train[0]", "train[1]", "train[2]", "best");
  }

  /**
   * One element at a time; the first fails, which stops the others before they are released: they
   * are skipped like any task that never became ready, before the fan-out task fails.
   */
  @Test
  void elementsAFailureStoppedAreSkippedBeforeTheirTaskFails() {
    Recorder recorder = new Recorder();
    IllegalStateException bad = new IllegalStateException("bad element");
    assertThrows(
        PipelineException.class,
        () ->
            new TestPipeline()
                .value("grid", r -> List.of(1, 2, 3))
                .forEach(
                    "train",
                    TaskKind.VALUE,
                    "grid",
                    1,
                    (element, r) -> {
                      throw bad;
                    },
                    "grid")
                .value("best", never("best"), "train")
                .run(RunOptions.defaults().listener(recorder)));
    assertEquals(List.of("scheduled", "started 1", "failed"), recorder.of("train[0]"));
    assertEquals(List.of("skipped"), recorder.of("train[1]"));
    assertEquals(List.of("skipped"), recorder.of("train[2]"));
    assertEquals(List.of("scheduled", "started 1", "failed"), recorder.of("train"));
    assertTrue(recorder.indexOf("train[2]", "skipped") < recorder.indexOf("train", "failed"));
    assertEquals(List.of("skipped"), recorder.of("best"));
    recorder.assertContract("grid", "train", "train[0]", "train[1]", "train[2]", "best");
  }

  @Test
  void keepingGoingTheDependentsOfAFailureAreSkippedAndTheRestRuns() {
    Recorder recorder = new Recorder();
    assertThrows(
        PipelineException.class,
        () ->
            new TestPipeline()
                .value(
                    "upload",
                    r -> {
                      throw new IOException("offline");
                    })
                .value("publish", never("publish"), "upload")
                .value("fallback", r -> 1, "upload")
                .acceptingFailureOf("upload")
                .value("lint", r -> 1)
                .run(RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING).listener(recorder)));
    assertEquals(List.of("scheduled", "started 1", "failed"), recorder.of("upload"));
    assertEquals(List.of("skipped"), recorder.of("publish"));
    assertEquals(SUCCEEDED, recorder.of("fallback"));
    assertEquals(SUCCEEDED, recorder.of("lint"));
    recorder.assertContract("upload", "publish", "fallback", "lint");
  }

  @Test
  void aPartialRunReportsNothingOfTheTasksItLeavesOut() {
    Recorder recorder = new Recorder();
    new TestPipeline()
        .value("load", r -> 1)
        .value("train", r -> 2, "load")
        .value("lint", r -> 3)
        .value("publish", r -> 4, "train")
        .runOnly(RunOptions.defaults().listener(recorder), "train");
    assertEquals(SUCCEEDED, recorder.of("load"));
    assertEquals(SUCCEEDED, recorder.of("train"));
    assertEquals(2, recorder.runs.get(0).tasks());
    recorder.assertContract("load", "train");
  }

  @Test
  void aResumedRunReportsNothingOfTheResultsItReuses() {
    AtomicInteger trainCalls = new AtomicInteger();
    TestPipeline pipeline =
        new TestPipeline()
            .value("load", r -> 1)
            .value(
                "train",
                r -> {
                  if (trainCalls.incrementAndGet() == 1) {
                    throw new IOException("out of memory");
                  }
                  return 2;
                },
                "load")
            .value("publish", r -> 3, "train");
    PipelineException failure = assertThrows(PipelineException.class, pipeline::run);
    Recorder recorder = new Recorder();
    pipeline.resume(failure, RunOptions.defaults().listener(recorder));
    assertEquals(SUCCEEDED, recorder.of("train"));
    assertEquals(SUCCEEDED, recorder.of("publish"));
    assertEquals(2, recorder.runs.get(0).tasks());
    recorder.assertContract("train", "publish");
  }

  @Test
  void aResumedFanOutReportsOnlyTheElementsItRunsAgain() {
    AtomicInteger elementOneCalls = new AtomicInteger();
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", r -> List.of(0, 1, 2))
            .forEach(
                "train",
                TaskKind.VALUE,
                "grid",
                0,
                (element, r) -> {
                  if ((Integer) element == 1 && elementOneCalls.incrementAndGet() == 1) {
                    throw new IOException("lost");
                  }
                  return element;
                },
                "grid");
    RunOptions keepGoing = RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING);
    PipelineException failure =
        assertThrows(PipelineException.class, () -> pipeline.run(keepGoing));
    Recorder recorder = new Recorder();
    pipeline.resume(failure, keepGoing.listener(recorder));
    assertEquals(SUCCEEDED, recorder.of("train[1]"));
    assertEquals(SUCCEEDED, recorder.of("train"));
    recorder.assertContract("train", "train[1]");
  }
}
