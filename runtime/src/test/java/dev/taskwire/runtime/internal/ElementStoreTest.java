package dev.taskwire.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.FileResultStore;
import dev.taskwire.runtime.store.ResultKey;
import dev.taskwire.runtime.store.ResultStore;
import dev.taskwire.runtime.store.StoreDecision;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elements of a fan-out are stored one by one: a later run calls only the elements without a
 * stored result, whatever their place in the collection, and an element's key changes with the
 * fan-out task's code and its other inputs like any task's.
 */
@Timeout(30)
class ElementStoreTest {
  @TempDir Path directory;

  /** The elements a run called the fan-out task for, and each look-up heard. */
  private final ConcurrentLinkedQueue<Integer> called = new ConcurrentLinkedQueue<>();

  private final Map<String, StoreDecision> decisions = new ConcurrentHashMap<>();

  private final TaskListener decisionsHeard =
      new TaskListener() {
        @Override
        public void taskLookedUp(TaskEvent event, StoreDecision decision) {
          decisions.put(event.task(), decision);
        }
      };

  /** {@code train} runs for each element of {@code grid}, scaled by {@code scale}. */
  private TestPipeline grid(List<Integer> grid, int scale, String trainCode, int failing) {
    return new TestPipeline()
        .value("grid", run -> grid)
        .code("grid " + grid) // as a grid written in the code would
        .value("scale", run -> scale)
        .code("scale " + scale)
        .forEach(
            "train",
            TaskKind.VALUE,
            "grid",
            0,
            (element, run) -> {
              called.add((Integer) element);
              if ((Integer) element == failing) {
                throw new IllegalStateException("element " + element + " fails");
              }
              return (Integer) element * run.<Integer>value(1);
            },
            "grid",
            "scale")
        .returning(Integer.class)
        .code(trainCode);
  }

  private List<Object> run(TestPipeline pipeline, ResultStore store) {
    called.clear();
    decisions.clear();
    PipelineRun run =
        pipeline.run(RunOptions.defaults().resultStore(store).listener(decisionsHeard));
    return run.value(2);
  }

  private Set<Integer> calledElements() {
    return Set.copyOf(called);
  }

  @Test
  void aSecondRunCallsNoElementAndHearsAHitForEach() {
    FileResultStore store = FileResultStore.in(directory);
    assertEquals(List.of(10, 20, 30), run(grid(List.of(1, 2, 3), 10, "t", -1), store));
    assertEquals(Set.of(1, 2, 3), calledElements());
    assertEquals(
        Map.of(
            "grid", StoreDecision.NO_ENTRY,
            "scale", StoreDecision.NO_ENTRY,
            "train[0]", StoreDecision.NO_ENTRY,
            "train[1]", StoreDecision.NO_ENTRY,
            "train[2]", StoreDecision.NO_ENTRY),
        decisions,
        "the fan-out task itself is not looked up, its elements are");

    assertEquals(List.of(10, 20, 30), run(grid(List.of(1, 2, 3), 10, "t", -1), store));
    assertEquals(Set.of(), calledElements());
    assertEquals(Set.of(StoreDecision.HIT), Set.copyOf(decisions.values()), "every look-up hits");
  }

  @Test
  void aGrownAndReorderedCollectionRunsOnlyItsNewElements() {
    FileResultStore store = FileResultStore.in(directory);
    run(grid(List.of(1, 2, 3), 10, "t", -1), store);

    assertEquals(List.of(40, 30, 20, 10), run(grid(List.of(4, 3, 2, 1), 10, "t", -1), store));
    assertEquals(Set.of(4), calledElements());
    assertEquals(StoreDecision.HIT, decisions.get("train[3]"), "element 1, now last: " + decisions);
  }

  @Test
  void anotherInputOrEditedCodeRunsEveryElementAgain() {
    FileResultStore store = FileResultStore.in(directory);
    run(grid(List.of(1, 2), 10, "t", -1), store);

    assertEquals(List.of(100, 200), run(grid(List.of(1, 2), 100, "t", -1), store));
    assertEquals(Set.of(1, 2), calledElements(), "scale is an input of each element");
    // Its siblings' entries tell an element's new inputs from a new element no better than this.
    assertEquals(StoreDecision.NO_ENTRY, decisions.get("train[0]"));

    assertEquals(List.of(100, 200), run(grid(List.of(1, 2), 100, "t2", -1), store));
    assertEquals(Set.of(1, 2), calledElements(), "the fan-out task's code was edited");
    // The first look-up precedes every save of the new code; a later one may see a sibling's.
    Set<StoreDecision> heard =
        new HashSet<>(List.of(decisions.get("train[0]"), decisions.get("train[1]")));
    assertTrue(heard.contains(StoreDecision.CODE_CHANGED), "heard " + heard);
    assertTrue(
        Set.of(StoreDecision.CODE_CHANGED, StoreDecision.NO_ENTRY).containsAll(heard),
        "heard " + heard);
  }

  @Test
  void afterAFailedElementANewRunCallsOnlyThatElement() {
    FileResultStore store = FileResultStore.in(directory);
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () ->
                grid(List.of(1, 2, 3, 4, 5), 10, "t", 3)
                    .run(
                        RunOptions.defaults()
                            .resultStore(store)
                            .onFailure(FailurePolicy.KEEP_GOING)));
    assertEquals("train[2]", failure.failedTask());

    assertEquals(
        List.of(10, 20, 30, 40, 50), run(grid(List.of(1, 2, 3, 4, 5), 10, "t", -1), store));
    assertEquals(Set.of(3), calledElements(), "a new process redoes only what is missing");
  }

  @Test
  void elementsAreFiledUnderTheFanOutTasksNameAndNotAsAWhole() {
    Map<ResultKey, Object> saved = new ConcurrentHashMap<>();
    ResultStore store =
        new ResultStore() {
          @Override
          public Optional<Object> load(ResultKey key) {
            return Optional.ofNullable(saved.get(key));
          }

          @Override
          public void save(ResultKey key, Object result) {
            saved.put(key, result);
          }
        };
    run(grid(List.of(1, 2, 3), 10, "t", -1), store);

    Map<String, List<Object>> byTask =
        saved.entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    entry -> entry.getKey().task(),
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    assertEquals(Set.of("grid", "scale", "train"), byTask.keySet());
    assertEquals(Set.of(10, 20, 30), Set.copyOf(byTask.get("train")), "one entry per element");
    assertTrue(saved.keySet().stream().allMatch(key -> key.code().length() > 0));
  }

  /** One element's result; every element of a run holds the same {@code shared} object. */
  record Trained(int element, ArrayList<String> shared) implements Serializable {}

  @Test
  void aDependentOfStoredElementsHitsThoughTheyNoLongerShareObjects() {
    ArrayList<String> shared = new ArrayList<>(List.of("one object in every result of a run"));
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", run -> List.of(1, 2, 3))
            .code("grid")
            .forEach(
                "train",
                TaskKind.VALUE,
                "grid",
                0,
                (element, run) -> new Trained((Integer) element, shared),
                "grid")
            .returning(Trained.class)
            .code("train")
            .value("best", run -> run.<List<Trained>>value(1).get(0).element(), "train")
            .code("best");
    FileResultStore store = FileResultStore.in(directory);
    pipeline.run(RunOptions.defaults().resultStore(store).listener(decisionsHeard));
    decisions.clear();

    pipeline.run(RunOptions.defaults().resultStore(store).listener(decisionsHeard));
    assertEquals(StoreDecision.HIT, decisions.get("train[2]"));
    assertEquals(StoreDecision.HIT, decisions.get("best"), "its input is the same list");
  }

  @Test
  void takingElementOutcomesOfATaskThatIsNoFanOutIsRefused() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TestPipeline()
                    .value("load", run -> 1)
                    .value("report", run -> run.outcome(0), "load")
                    .acceptingElementOutcomesOf("load")
                    .graph());
    assertEquals(
        "task 'report' takes the outcome of each element of 'load', which does not run for each"
            + " element of anything",
        refused.getMessage());
  }

  /**
   * Elements 1 and 3 wait until a listener has heard element 2 fail: had fail-fast stopped them,
   * they would be interrupted and their outcomes failures.
   */
  @Test
  void aDependentOfElementOutcomesKeepsTheElementsGoingUnderFailFast() throws Exception {
    CountDownLatch failed = new CountDownLatch(1);
    TaskListener hearsTheFailure =
        new TaskListener() {
          @Override
          public void taskFailed(TaskEvent event) {
            if (event.task().equals("train[1]")) {
              failed.countDown();
            }
          }
        };
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", run -> List.of(1, 2, 3))
            .forEach(
                "train",
                TaskKind.VALUE,
                "grid",
                0,
                (element, run) -> {
                  if ((Integer) element == 2) {
                    throw new IllegalStateException("element 2 fails");
                  }
                  assertTrue(failed.await(10, SECONDS), "element 2 failed first");
                  return (Integer) element * 10;
                },
                "grid")
            .value("report", run -> run.<Integer>elementOutcomes(1), "train")
            .acceptingElementOutcomesOf("train");
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      PipelineRun run =
          pipeline.run(RunOptions.defaults().executor(threads).listener(hearsTheFailure));
      List<Outcome<Integer>> outcomes = run.value(2);
      assertEquals(3, outcomes.size());
      assertEquals(10, outcomes.get(0).value());
      assertFalse(outcomes.get(1).isSuccess());
      assertEquals("element 2 fails", outcomes.get(1).failure().getMessage());
      assertEquals(30, outcomes.get(2).value());
    } finally {
      threads.shutdownNow();
    }
  }
}
