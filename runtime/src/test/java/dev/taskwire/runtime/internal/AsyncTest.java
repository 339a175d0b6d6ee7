package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AsyncTest {
  @Test
  void aThousandPendingAsyncTasksNeedNoThreadsWhileTheyWait() throws Exception {
    int tasks = 1_000;
    List<CompletableFuture<Integer>> pending = new CopyOnWriteArrayList<>();
    CountDownLatch allStarted = new CountDownLatch(tasks);
    TestPipeline pipeline = new TestPipeline();
    String[] names = new String[tasks];
    for (int i = 0; i < tasks; i++) {
      int task = i;
      names[i] = "call" + i;
      pipeline.async(
          names[i],
          r -> {
            CompletableFuture<Integer> reply = new CompletableFuture<>();
            pending.add(reply);
            allStarted.countDown();
            return reply.thenApply(ignored -> task);
          });
    }
    pipeline.value(
        "sum",
        r -> {
          long sum = 0;
          for (int i = 0; i < tasks; i++) {
            sum += r.<Integer>value(i);
          }
          return sum;
        },
        names);
    ExecutorService twoThreads = Executors.newFixedThreadPool(2);
    try {
      PipelineRun run = pipeline.start(RunOptions.defaults().executor(twoThreads));
      // All 1,000 are in flight at once on two threads: none of them holds one.
      assertTrue(allStarted.await(10, SECONDS));
      pending.forEach(reply -> reply.complete(0));
      run.await();
      assertEquals((long) tasks * (tasks - 1) / 2, run.<Long>value(tasks));
    } finally {
      twoThreads.shutdownNow();
    }
  }

  @Test
  void dependentsOfAnAsyncTaskRunOnTheExecutorNotOnTheCompletingThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "run-pool"));
    CompletableFuture<String> reply = new CompletableFuture<>();
    try {
      PipelineRun run =
          new TestPipeline()
              .async("fetch", r -> reply)
              .value("use", r -> Thread.currentThread().getName(), "fetch")
              .start(RunOptions.defaults().executor(pool));
      Thread completer = new Thread(() -> reply.complete("x"), "foreign-thread");
      completer.start();
      completer.join();
      run.await();
      assertEquals("run-pool", run.value(1));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void startCallsAsyncSourcesOnTheCallersThreadAndEverythingElseOnTheExecutor() {
    // As hand-written code starts its calls: no hand-off before an async source is called.
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "run-pool"));
    try {
      PipelineRun run =
          new TestPipeline()
              .value("local", r -> Thread.currentThread().getName())
              .async(
                  "fetch", r -> CompletableFuture.completedFuture(Thread.currentThread().getName()))
              .value("use", r -> Thread.currentThread().getName(), "fetch")
              .start(RunOptions.defaults().executor(pool));
      run.await();
      assertEquals("run-pool", run.value(0), "a sync source runs on the executor");
      assertEquals(Thread.currentThread().getName(), run.value(1));
      assertEquals("run-pool", run.value(2), "a dependent of a completed stage too");
    } finally {
      pool.shutdownNow();
    }
  }

  @RepeatedTest(5)
  void startCallsAnAsyncSourceOnTheCallersThreadWhereverTheSyncSourcesStand() throws Exception {
    // The pool's one thread blocks in the sync source: only the caller can call the async one.
    for (boolean syncFirst : new boolean[] {true, false}) {
      CountDownLatch release = new CountDownLatch(1);
      List<String> calledOn = new CopyOnWriteArrayList<>();
      TestPipeline.Body blocking =
          r -> {
            assertTrue(release.await(10, SECONDS), "never released");
            return 0;
          };
      TestPipeline.Body async =
          r -> {
            calledOn.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(1);
          };
      TestPipeline pipeline = new TestPipeline();
      if (syncFirst) {
        pipeline.value("sync", blocking).async("fetch", async);
      } else {
        pipeline.async("fetch", async).value("sync", blocking);
      }
      ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "run-pool"));
      try {
        PipelineRun run = pipeline.start(RunOptions.defaults().executor(pool));
        assertEquals(
            List.of(Thread.currentThread().getName()),
            calledOn,
            (syncFirst ? "sync declared first" : "sync declared last")
                + ": called before start returned");
        release.countDown();
        run.await();
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
    }
  }

  @Test
  void startCallsEveryReadyAsyncSourceInDeclarationOrder() throws Exception {
    // The pool's thread is busy elsewhere, so no helper takes a source: the caller calls them all.
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "run-pool"));
    pool.execute(
        () -> {
          try {
            release.await(10, SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    List<String> called = new CopyOnWriteArrayList<>();
    try {
      TestPipeline pipeline = new TestPipeline();
      for (String name : List.of("s0", "a1", "s2", "a3", "a4", "s5")) {
        if (name.startsWith("a")) {
          pipeline.async(
              name,
              r -> {
                called.add(name + " on " + Thread.currentThread().getName());
                return CompletableFuture.completedFuture(name);
              });
        } else {
          pipeline.value(name, r -> name);
        }
      }
      PipelineRun run = pipeline.start(RunOptions.defaults().executor(pool));
      String here = " on " + Thread.currentThread().getName();
      assertEquals(List.of("a1" + here, "a3" + here, "a4" + here), called);
      release.countDown();
      run.await();
      assertEquals("s5", run.value(5));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @RepeatedTest(5)
  void manyStagesOfASmallRunCompletingTogetherEachFinishTheirTaskOnce() throws Exception {
    // Small runs share one callback among their stages; it must take each stage exactly once.
    int calls = 24;
    List<CompletableFuture<Integer>> replies = new CopyOnWriteArrayList<>();
    // start() may leave some calls to a helper: wait until every one has been made.
    CountDownLatch allCalled = new CountDownLatch(calls);
    TestPipeline pipeline = new TestPipeline();
    String[] names = new String[calls];
    for (int i = 0; i < calls; i++) {
      names[i] = "call" + i;
      pipeline.async(
          names[i],
          r -> {
            CompletableFuture<Integer> reply = new CompletableFuture<>();
            replies.add(reply);
            allCalled.countDown();
            return reply;
          });
    }
    pipeline.value(
        "sum",
        r -> {
          int sum = 0;
          for (int i = 0; i < calls; i++) {
            sum += r.<Integer>value(i);
          }
          return sum;
        },
        names);
    ExecutorService completers = Executors.newFixedThreadPool(4);
    try {
      PipelineRun run = pipeline.start();
      assertTrue(allCalled.await(10, SECONDS));
      CountDownLatch go = new CountDownLatch(1);
      for (int i = 0; i < calls; i++) {
        CompletableFuture<Integer> reply = replies.get(i);
        int value = i + 1;
        completers.execute(
            () -> {
              try {
                go.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              reply.complete(value);
            });
      }
      go.countDown();
      run.await();
      assertEquals(calls * (calls + 1) / 2, run.<Integer>value(calls));
    } finally {
      completers.shutdownNow();
    }
  }

  @RepeatedTest(5)
  void anAsyncMethodThatBlocksUntilAnotherHasStartedDoesNotDeadlock() {
    // Async methods should return at once, but one that waits for a sibling must not keep the
    // sibling from being called: each ready task gets a thread of its own to start on.
    CountDownLatch firstCalled = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      PipelineRun run =
          new TestPipeline()
              .async(
                  "first",
                  r -> {
                    firstCalled.countDown();
                    return CompletableFuture.completedFuture(1);
                  })
              .async(
                  "second",
                  r -> {
                    assertTrue(firstCalled.await(10, SECONDS), "first was never called");
                    return CompletableFuture.completedFuture(2);
                  })
              .start(RunOptions.defaults().executor(pool));
      run.await();
    } finally {
      pool.shutdownNow();
    }
  }

  @RepeatedTest(5)
  void anAsyncMethodThatBlocksUntilALaterSiblingHasStartedDoesNotDeadlock() {
    // start() calls the sources in declaration order: the first blocks on the caller's thread,
    // so the helper signalled before its call must call the second.
    CountDownLatch secondCalled = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      PipelineRun run =
          new TestPipeline()
              .async(
                  "first",
                  r -> {
                    assertTrue(secondCalled.await(10, SECONDS), "second was never called");
                    return CompletableFuture.completedFuture(1);
                  })
              .async(
                  "second",
                  r -> {
                    secondCalled.countDown();
                    return CompletableFuture.completedFuture(2);
                  })
              .start(RunOptions.defaults().executor(pool));
      run.await();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCompletionStageThatIsNotACompletableFutureWorks() {
    // A minimal stage answers only the CompletionStage methods: isDone() and join() throw.
    CompletionStage<String> done = CompletableFuture.completedFuture("hi").minimalCompletionStage();
    PipelineRun run =
        new TestPipeline()
            .async("fetch", r -> done.thenApplyAsync(s -> s + "!"))
            .value("shout", r -> r.<String>value(0).toUpperCase(), "fetch")
            .start();
    run.await();
    assertEquals("HI!", run.value(1));
  }

  @Test
  void anAsyncFailureIsUnwrappedToTheTasksOwnException() {
    IOException failure = new IOException("upload refused");
    PipelineRun run =
        new TestPipeline()
            .async(
                "upload",
                r ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          throw new CompletionException(failure);
                        }))
            .start();
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertEquals("upload", thrown.failedTask());
    assertSame(failure, thrown.getCause());
  }

  @Test
  void anAsyncTaskReturningNullFailsWithItsName() {
    PipelineRun run = new TestPipeline().async("broken", r -> null).start();
    PipelineException thrown = assertThrows(PipelineException.class, run::await);
    assertEquals("broken", thrown.failedTask());
    assertTrue(thrown.getCause() instanceof NullPointerException);
    assertTrue(thrown.getCause().getMessage().contains("'broken'"));
  }

  @Test
  void futuresForTasksCompleteWithTheirResults() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    PipelineRun run =
        new TestPipeline()
            .async("fetch", r -> reply)
            .value("length", r -> r.<String>value(0).length(), "fetch")
            .start();
    CompletableFuture<Integer> early = run.future(1);
    reply.complete("four");
    assertEquals(4, early.get(10, SECONDS));
    run.await();
    CompletableFuture<Integer> late = run.future(1);
    assertEquals(4, late.getNow(-1));
  }

  @Test
  void cancellingTheFutureOfATaskAffectsNothingElse() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    PipelineRun run = new TestPipeline().async("fetch", r -> reply).start();
    CompletableFuture<String> first = run.future(0);
    first.cancel(true);
    first.obtrudeValue("tampered");
    reply.complete("real");
    run.await();
    assertEquals("real", run.future(0).get(10, SECONDS));
    assertEquals("real", run.value(0));
    assertTrue(!reply.isCancelled());
  }
}
