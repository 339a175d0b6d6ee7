package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.ResultKey;
import dev.taskwire.runtime.store.ResultStore;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An {@link Error} from user code (a result store, a fan-out's Iterable, a listener, the invoker)
 * at each point where the run calls it: the run still settles, with that Error as the failure where
 * the run cannot go on without the code that threw it.
 */
@Timeout(120)
class FatalErrorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  /** A store whose load or save throws {@code error}; otherwise empty. */
  private static ResultStore throwingStore(Throwable onLoad, Throwable onSave) {
    return new ResultStore() {
      @Override
      public Optional<Object> load(ResultKey key) {
        throwUnchecked(onLoad);
        return Optional.empty();
      }

      @Override
      public void save(ResultKey key, Object result) {
        throwUnchecked(onSave);
      }
    };
  }

  private static void throwUnchecked(Throwable error) {
    if (error instanceof Error e) {
      throw e;
    }
    if (error instanceof RuntimeException e) {
      throw e;
    }
  }

  private PipelineException failureOf(PipelineRun run) {
    Throwable thrown = Settling.outcomeOf(run);
    assertTrue(run.isDone());
    return assertInstanceOf(PipelineException.class, thrown);
  }

  private RunOptions options() {
    return RunOptions.defaults().executor(pool);
  }

  @Test
  void anErrorFromTheStoresLoadFailsTheTaskAndSettlesTheRun() {
    NoClassDefFoundError missing = new NoClassDefFoundError("com/example/Gone");
    AtomicInteger called = new AtomicInteger();
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> called.incrementAndGet())
            .value("b", r -> 2, "a")
            .start(options().resultStore(throwingStore(missing, null)));
    PipelineException failure = failureOf(run);
    assertEquals("a", failure.failedTask());
    assertSame(missing, failure.getCause());
    assertEquals(0, called.get(), "a task whose look-up failed with an Error is not called");
    assertFalse(run.cancel(), "the run has ended");
  }

  @Test
  void anErrorFromTheStoresSaveFailsTheTaskAndSettlesTheRun() {
    OutOfMemoryError full = new OutOfMemoryError("injected");
    AtomicInteger dependentRan = new AtomicInteger();
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> 1)
            .value("b", r -> dependentRan.incrementAndGet(), "a")
            .start(options().resultStore(throwingStore(null, full)));
    PipelineException failure = failureOf(run);
    assertEquals("a", failure.failedTask());
    assertSame(full, failure.getCause());
    assertEquals(0, dependentRan.get(), "the result that could not be kept was not published");
  }

  @Test
  void aStackOverflowOrAnExceptionFromTheStoreIsLoggedAndTheTaskRuns() {
    for (Throwable broken :
        List.of(new StackOverflowError("deep input"), new IllegalStateException("broken"))) {
      PipelineRun run =
          new TestPipeline()
              .value("a", r -> 1)
              .value("b", r -> r.<Integer>value(0) + 1, "a")
              .start(options().resultStore(throwingStore(broken, broken)));
      assertNull(Settling.outcomeOf(run), broken.toString());
      assertEquals(2, run.<Integer>value(1));
    }
  }

  @Test
  void anErrorFromAFanOutsIterableFailsTheFanOutTask() {
    OutOfMemoryError inIterator = new OutOfMemoryError("iterator");
    OutOfMemoryError inNext = new OutOfMemoryError("next");
    for (OutOfMemoryError error : List.of(inIterator, inNext)) {
      Iterable<Integer> elements =
          () -> {
            if (error == inIterator) {
              throw error;
            }
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                throw error;
              }
            };
          };
      PipelineRun run =
          new TestPipeline()
              .value("grid", r -> elements)
              .forEach("work", TaskKind.VALUE, "grid", 0, (element, r) -> element, "grid")
              .start(options());
      PipelineException failure = failureOf(run);
      assertEquals("work", failure.failedTask());
      assertSame(error, failure.getCause());
    }
  }

  @Test
  void anErrorFromTheInvokerFailsTheTask() {
    NoClassDefFoundError missing = new NoClassDefFoundError("com/example/Gone");
    PipelineRun run =
        new TestPipeline()
            .value(
                "a",
                r -> {
                  throw missing;
                })
            .start(options());
    PipelineException failure = failureOf(run);
    assertSame(missing, failure.getCause());
    PipelineRun elements =
        new TestPipeline()
            .value("grid", r -> List.of(1, 2, 3))
            .forEach(
                "work",
                TaskKind.ASYNC,
                "grid",
                0,
                (element, r) -> {
                  if ((Integer) element == 2) {
                    throw missing;
                  }
                  return CompletableFuture.completedFuture(element);
                },
                "grid")
            .start(options());
    PipelineException elementFailure = failureOf(elements);
    assertEquals("work[1]", elementFailure.failedTask());
    assertSame(missing, elementFailure.getCause());
  }

  /** An Error of the test's own. */
  private static final class InjectedError extends Error {
    InjectedError(String message) {
      super(message);
    }
  }

  /** Every listener method throws an Error, and so does its toString(), which a log would call. */
  private static final class ErrorListener implements TaskListener {
    final AtomicInteger calls = new AtomicInteger();

    private void fail() {
      calls.incrementAndGet();
      throw new OutOfMemoryError("listener");
    }

    @Override
    public void runStarted(RunEvent event) {
      fail();
    }

    @Override
    public void runFinished(RunEvent event) {
      fail();
    }

    @Override
    public void taskScheduled(TaskEvent event) {
      fail();
    }

    @Override
    public void taskStarted(TaskEvent event) {
      fail();
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      fail();
    }

    @Override
    public void taskFailed(TaskEvent event) {
      fail();
    }

    @Override
    public String toString() {
      throw new InjectedError("toString"); // not an OutOfMemoryError: JUnit aborts on those
    }
  }

  @Test
  void anErrorFromAListenerIsLoggedAndIgnoredAndTheRunSettles() {
    ErrorListener listener = new ErrorListener();
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", r -> List.of(1, 2))
            .forEach("work", TaskKind.VALUE, "grid", 0, (element, r) -> element, "grid")
            .async("fetch", r -> CompletableFuture.completedFuture(3))
            .value(
                "sum",
                r -> r.<List<Integer>>value(1).size() + r.<Integer>value(2),
                "work",
                "fetch");
    PipelineRun started = pipeline.start(options().listener(listener));
    assertNull(Settling.outcomeOf(started));
    assertEquals(5, started.<Integer>value(3));
    PipelineRun ran = pipeline.run(options().listener(listener));
    assertEquals(5, ran.<Integer>value(3));
    assertTrue(listener.calls.get() > 20, "every event reached the listener: " + listener.calls);
  }
}
