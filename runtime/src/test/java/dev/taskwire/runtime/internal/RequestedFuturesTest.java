package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The futures of {@code PipelineRun.future(task)}: each caller's own, completed by the run, even
 * when asked for while the task ends (a compare-and-set on the task's entry racing the ending
 * thread's read of it).
 */
@Timeout(120)
class RequestedFuturesTest {
  private static final int ROUNDS = 2_000;
  private static final int REQUESTERS = 3;
  private static final int REQUESTS_EACH = 2;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  // The state of a round: set by the test thread before it, read by the parties (see Race).
  private CompletableFuture<Object> call;
  private PipelineRun run;
  private final List<CompletableFuture<Object>>[] handedOut = newLists();
  private boolean failing;

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @SuppressWarnings("unchecked")
  private static List<CompletableFuture<Object>>[] newLists() {
    List<CompletableFuture<Object>>[] lists = new List[REQUESTERS];
    for (int i = 0; i < REQUESTERS; i++) {
      lists[i] = new ArrayList<>();
    }
    return lists;
  }

  @Test
  void futuresAskedForWhileTheTaskEndsEachCompleteWithItsOutcome() throws Exception {
    IllegalStateException refused = new IllegalStateException("the service refused");
    int[] round = {0};
    Race.rounds(
        ROUNDS,
        1 + REQUESTERS,
        threads -> {
          failing = ++round[0] % 2 == 0;
          CompletableFuture<Object> pending = new CompletableFuture<>();
          call = pending;
          run = new TestPipeline().async("call", r -> pending).start(options());
          for (List<CompletableFuture<Object>> futures : handedOut) {
            futures.clear();
          }
        },
        party -> {
          if (party == 0) {
            if (failing) {
              call.completeExceptionally(refused);
            } else {
              call.complete(42);
            }
            return;
          }
          for (int i = 0; i < REQUESTS_EACH; i++) {
            handedOut[party - 1].add(run.future(0));
          }
        },
        () -> {
          List<CompletableFuture<Object>> all = new ArrayList<>();
          for (List<CompletableFuture<Object>> futures : handedOut) {
            all.addAll(futures);
          }
          assertEquals(REQUESTERS * REQUESTS_EACH, all.size());
          for (CompletableFuture<Object> future : all) {
            if (failing) {
              ExecutionException failure =
                  assertThrows(ExecutionException.class, () -> future.get(10, SECONDS));
              assertSame(refused, failure.getCause());
            } else {
              assertEquals(42, join(future));
            }
          }
          for (int i = 1; i < all.size(); i++) {
            assertNotSame(all.get(0), all.get(i), "two callers got one future");
          }
        });
  }

  @Test
  void aCallerThatCompletesOrCancelsItsFutureChangesNoOtherOrTheRun() throws Exception {
    CompletableFuture<Object> pending = new CompletableFuture<>();
    PipelineRun run = new TestPipeline().async("call", r -> pending).start(options());
    CompletableFuture<Object> cancelled = run.future(0);
    CompletableFuture<Object> completed = run.future(0);
    CompletableFuture<Object> waiting = run.future(0);
    assertTrue(cancelled.cancel(true));
    assertTrue(completed.complete("mine"));
    pending.complete(42);
    assertEquals(42, join(waiting));
    assertEquals(42, join(run.future(0)));
    assertEquals("mine", join(completed));
    assertTrue(cancelled.isCancelled());
    assertNull(Settling.outcomeOf(run));
  }

  @Test
  void aTaskAskedForManyTimesCompletesEveryFutureHandedOut() throws Exception {
    CompletableFuture<Object> pending = new CompletableFuture<>();
    PipelineRun run = new TestPipeline().async("call", r -> pending).start(options());
    List<CompletableFuture<Object>> futures = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) { // a caller asking in a loop: each gets a copy of its own
      futures.add(run.future(0));
    }
    pending.complete(42);
    for (CompletableFuture<Object> future : futures) {
      assertEquals(42, join(future));
    }
  }

  private RunOptions options() {
    return RunOptions.defaults().executor(pool);
  }

  private static Object join(CompletableFuture<Object> future) {
    try {
      return future.get(10, SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
