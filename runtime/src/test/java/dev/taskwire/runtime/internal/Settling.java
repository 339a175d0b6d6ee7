package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hang guard for tests of runs that used to hang: waits for a run to settle on another thread, so
 * that a run that never settles fails the test instead of blocking it. The timeout is only a guard,
 * generous enough never to be reached by a run that settles; no test asserts on time.
 */
final class Settling {
  static final long GUARD_SECONDS = 30;

  private Settling() {}

  /** Waits for {@code run} to settle; returns what await() threw, or null if it returned. */
  static Throwable outcomeOf(PipelineRun run) {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                run.await();
                outcome.complete(null);
              } catch (Throwable thrown) {
                outcome.complete(thrown);
              }
            },
            "settling-guard");
    waiter.setDaemon(true);
    waiter.start();
    try {
      return outcome.get(GUARD_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException hung) {
      return fail("the run did not settle (isDone() " + run.isDone() + ")");
    } catch (InterruptedException | ExecutionException unexpected) {
      throw new AssertionError(unexpected);
    }
  }
}
