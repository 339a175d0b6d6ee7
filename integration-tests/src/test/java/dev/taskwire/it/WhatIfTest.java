package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.TraceRecorder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What-if runs: a runner's {@code withX(value)} gives a run the value of task x instead of running
 * it; its dependents get the value, and the tasks only it needs do not run (call counts).
 */
class WhatIfTest {
  private final WhatIf pipeline = new WhatIf();
  private final WhatIfRunner runner = new WhatIfRunner(pipeline);

  /** Task name to how often it was called, for the tasks called at least once. */
  private Map<String, Integer> calls() {
    Map<String, Integer> calls = new TreeMap<>();
    pipeline.calls.forEach((task, count) -> calls.put(task, count.get()));
    return calls;
  }

  @Test
  void aSuppliedTaskAndWhatOnlyItNeedsDoNotRun() {
    WhatIfRunner.Results results = runner.withFeatures("my features").run();
    assertEquals("my features", results.features());
    assertEquals("model(my features, labels of raw)", results.model());
    // raw still runs: labels needs it. cleaned was needed only by features.
    assertEquals(
        Map.of("raw", 1, "labels", 1, "model", 1, "score", 1, "grid", 1, "trial", 3), calls());
    IllegalStateException cleaned = assertThrows(IllegalStateException.class, results::cleaned);
    assertTrue(
        cleaned.getMessage().contains("the run needs it only for tasks whose values were supplied"),
        cleaned.getMessage());
  }

  @Test
  void twoSuppliedTasksSkipTheirSharedPrerequisite() {
    WhatIfRunner.Results results = runner.withFeatures("f").withLabels("l").run();
    assertEquals("model(f, l)", results.model());
    assertEquals(Map.of("model", 1, "score", 1, "grid", 1, "trial", 3), calls());
  }

  @Test
  void supplyingTheLastTaskRunsNothingItNeeds() {
    assertEquals(42, runner.withScore(42).runOnly(WhatIfRunner.Target.score).score());
    assertEquals(Map.of(), calls());
  }

  @Test
  void aSuppliedFanOutSourceRunsTheFanOutOverTheSuppliedElements() {
    WhatIfRunner.Results results =
        runner.withGrid(List.of(7, 8)).runOnly(WhatIfRunner.Target.trial);
    assertEquals(List.of(70, 80), results.trial());
    assertEquals(Map.of("raw", 1, "labels", 1, "trial", 2), calls());
  }

  @Test
  void theRunnerItCameFromIsUnchangedAndALaterValueReplacesAnEarlierOne() {
    WhatIfRunner supplied = runner.withFeatures("first").withFeatures("second");
    assertEquals("model(second, labels of raw)", supplied.run().model());
    pipeline.calls.clear();
    assertEquals("model(features of raw cleaned, labels of raw)", runner.run().model());
    assertEquals(1, pipeline.calls("cleaned"));
  }

  @Test
  void listenersAndTracesShowTheSuppliedTask() {
    List<String> supplied = new CopyOnWriteArrayList<>();
    TraceRecorder recorder = new TraceRecorder();
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskSupplied(TaskEvent event) {
            supplied.add(event.task());
          }

          @Override
          public void taskStarted(TaskEvent event) {
            assertTrue(!event.task().equals("features"), "a supplied task never starts");
          }
        };
    new WhatIfRunner(pipeline, RunOptions.defaults().listener(listener).listener(recorder))
        .withFeatures("f")
        .run();
    assertEquals(List.of("features"), supplied);
    Map<String, TaskSpan.Ending> endings = new TreeMap<>();
    recorder.trace().tasks().forEach(span -> endings.put(span.task(), span.ending()));
    assertEquals(TaskSpan.Ending.SUPPLIED, endings.get("features"));
    assertEquals(TaskSpan.Ending.SKIPPED, endings.get("cleaned"), "not run, and not supplied");
    assertEquals(TaskSpan.Ending.SUCCEEDED, endings.get("model"));
  }
}
