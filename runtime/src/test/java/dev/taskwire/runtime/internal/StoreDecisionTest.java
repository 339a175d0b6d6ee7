package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.store.FileResultStore;
import dev.taskwire.runtime.store.ResultKey;
import dev.taskwire.runtime.store.ResultStore;
import dev.taskwire.runtime.store.StoreDecision;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.Trace;
import dev.taskwire.runtime.trace.TraceRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every store decision is explained: listeners hear {@code taskLookedUp} with a hit, or the reason
 * a task ran instead, and traces keep it.
 */
@Timeout(30)
class StoreDecisionTest {
  @TempDir Path directory;

  /** Each task's decisions, in the order heard. */
  private static final class Decisions implements TaskListener {
    final Map<String, List<StoreDecision>> heard = new ConcurrentHashMap<>();

    @Override
    public void taskLookedUp(TaskEvent event, StoreDecision decision) {
      heard
          .computeIfAbsent(event.task(), task -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(decision);
    }

    StoreDecision of(String task) {
      List<StoreDecision> decisions = heard.getOrDefault(task, List.of());
      assertEquals(1, decisions.size(), task + " is looked up once: " + heard);
      return decisions.get(0);
    }
  }

  private Map<String, StoreDecision> run(TestPipeline pipeline, ResultStore store) {
    Decisions decisions = new Decisions();
    pipeline.run(RunOptions.defaults().resultStore(store).listener(decisions));
    return decisions.heard.keySet().stream().collect(Collectors.toMap(task -> task, decisions::of));
  }

  private static TestPipeline twoSteps(String loadCode, String trainCode) {
    return new TestPipeline()
        .value("load", run -> "rows")
        .code(loadCode)
        .value("train", run -> "model of " + run.value(0), "load")
        .code(trainCode);
  }

  @Test
  void aFirstRunFindsNoEntryAndASecondOneHits() {
    FileResultStore store = FileResultStore.in(directory);
    assertEquals(
        Map.of("load", StoreDecision.NO_ENTRY, "train", StoreDecision.NO_ENTRY),
        run(twoSteps("l1", "t1"), store));
    assertEquals(
        Map.of("load", StoreDecision.HIT, "train", StoreDecision.HIT),
        run(twoSteps("l1", "t1"), store));
  }

  @Test
  void editedCodeIsCodeChanged() {
    FileResultStore store = FileResultStore.in(directory);
    run(twoSteps("l1", "t1"), store);
    assertEquals(
        Map.of("load", StoreDecision.HIT, "train", StoreDecision.CODE_CHANGED),
        run(twoSteps("l1", "t2"), store));
  }

  /** An upstream task that is never stored (the wrapper keeps it out) gives new inputs each run. */
  @Test
  void newInputsAreInputsChanged() {
    AtomicInteger clock = new AtomicInteger();
    TestPipeline pipeline =
        new TestPipeline()
            .value("tick", run -> clock.incrementAndGet())
            .code("c")
            .value("report", run -> "at " + run.value(0), "tick")
            .code("r");
    ResultStore withoutTicks = new NotSaving(FileResultStore.in(directory), "tick");
    assertEquals(StoreDecision.NO_ENTRY, run(pipeline, withoutTicks).get("report"));
    Map<String, StoreDecision> second = run(pipeline, withoutTicks);
    assertEquals(StoreDecision.NO_ENTRY, second.get("tick"));
    assertEquals(StoreDecision.INPUTS_CHANGED, second.get("report"));
  }

  @Test
  void anInputThatIsNotSerializableIsSaid() {
    TestPipeline pipeline =
        new TestPipeline().value("lock", run -> new Object()).value("use", run -> "used", "lock");
    assertEquals(
        StoreDecision.INPUT_NOT_SERIALIZABLE,
        run(pipeline, FileResultStore.in(directory)).get("use"));
  }

  @Test
  void aFailedInputIsSaid() {
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "flaky",
                run -> {
                  throw new IllegalStateException("down");
                })
            .value("fallback", run -> run.outcome(0).isSuccess() ? "up" : "down", "flaky")
            .acceptingFailureOf("flaky");
    Decisions decisions = new Decisions();
    RunOptions options =
        RunOptions.defaults()
            .resultStore(FileResultStore.in(directory))
            .listener(decisions)
            .onFailure(FailurePolicy.KEEP_GOING);
    assertEquals("down", pipeline.run(options).value(1)); // the failure was handled
    assertEquals(StoreDecision.NO_ENTRY, decisions.of("flaky"));
    assertEquals(StoreDecision.INPUT_FAILED, decisions.of("fallback"));
  }

  @Test
  void aStoreThatThrowsIsAStoreError() {
    ResultStore broken =
        new ResultStore() {
          @Override
          public Optional<Object> load(ResultKey key) throws IOException {
            throw new IOException("disk gone");
          }

          @Override
          public void save(ResultKey key, Object result) {}
        };
    assertEquals(
        Map.of("load", StoreDecision.STORE_ERROR, "train", StoreDecision.STORE_ERROR),
        run(twoSteps("l", "t"), broken));
  }

  @Test
  void aRetriedTaskIsLookedUpOnceAndItsResultIsStillSaved() {
    AtomicInteger calls = new AtomicInteger();
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "twice",
                run -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first attempt fails");
                  }
                  return "done";
                })
            .policy(TaskPolicy.none().retries(1));
    FileResultStore store = FileResultStore.in(directory);
    assertEquals(Map.of("twice", StoreDecision.NO_ENTRY), run(pipeline, store));
    assertEquals(Map.of("twice", StoreDecision.HIT), run(pipeline, store));
    assertEquals(2, calls.get());
  }

  /** Without a listener of decisions, a miss does not ask the store why. */
  @Test
  void aStoreIsAskedWhyOnlyWhenSomeoneListens() {
    AtomicInteger explained = new AtomicInteger();
    ResultStore counting =
        new NotSaving(FileResultStore.in(directory)) {
          @Override
          public StoreDecision explainMiss(ResultKey key) throws IOException {
            explained.incrementAndGet();
            return super.explainMiss(key);
          }
        };
    TestPipeline pipeline = twoSteps("l", "t");
    pipeline.run(
        RunOptions.defaults()
            .resultStore(counting)
            .listener(
                new TaskListener() {
                  @Override
                  public void taskSucceeded(TaskEvent event) {}
                }));
    assertEquals(0, explained.get());
    run(pipeline, counting);
    assertEquals(2, explained.get());
  }

  @Test
  void aTraceKeepsEachTasksDecision() {
    FileResultStore store = FileResultStore.in(directory);
    run(twoSteps("l1", "t1"), store);
    TraceRecorder recorder = new TraceRecorder();
    twoSteps("l1", "t2").run(RunOptions.defaults().resultStore(store).listener(recorder));
    Trace trace = recorder.trace();
    Map<String, StoreDecision> kept =
        trace.tasks().stream().collect(Collectors.toMap(TaskSpan::task, TaskSpan::store));
    assertEquals(Map.of("load", StoreDecision.HIT, "train", StoreDecision.CODE_CHANGED), kept);
    assertTrue(
        trace.toChromeJson().contains("\"result_store\":\"code changed\""), trace.toChromeJson());
    assertTrue(trace.toHtml().contains("result store missed (code changed), so it ran"));
  }

  /** Delegates, but saves nothing of the named tasks (all tasks if none is named). */
  private static class NotSaving implements ResultStore {
    private final ResultStore delegate;
    private final List<String> tasks;

    NotSaving(ResultStore delegate, String... tasks) {
      this.delegate = delegate;
      this.tasks = List.of(tasks);
    }

    @Override
    public Optional<Object> load(ResultKey key) throws IOException {
      return delegate.load(key);
    }

    @Override
    public StoreDecision explainMiss(ResultKey key) throws IOException {
      return delegate.explainMiss(key);
    }

    @Override
    public void save(ResultKey key, Object result) throws IOException {
      if (!tasks.isEmpty() && !tasks.contains(key.task())) {
        delegate.save(key, result);
      }
    }
  }
}
