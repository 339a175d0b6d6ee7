package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ResumeTest {
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean trainFails = new AtomicBoolean(true);

  /** Two uploads, train on both, predict; and an evaluation that needs only the first upload. */
  private TestPipeline pipeline() {
    return new TestPipeline()
        .value("uploadA", r -> record("uploadA", "a"))
        .value("uploadB", r -> record("uploadB", "b"))
        .value(
            "train",
            r -> {
              record("train", null);
              if (trainFails.get()) {
                throw new IllegalStateException("out of memory");
              }
              return "model(" + r.value(0) + r.value(1) + ")";
            },
            "uploadA",
            "uploadB")
        .value("predict", r -> record("predict", "p by " + r.value(2)), "train")
        .value("evaluate", r -> record("evaluate", "e of " + r.value(0)), "uploadA");
  }

  private Object record(String task, Object value) {
    ran.add(task);
    return value;
  }

  @RepeatedTest(5)
  void resumeRunsOnlyWhatFailedOrDidNotRunAndReusesTheRest() {
    TestPipeline pipeline = pipeline();
    RunOptions keepGoing = RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING);
    PipelineException failure =
        assertThrows(PipelineException.class, () -> pipeline.run(keepGoing));
    assertEquals(4, ran.size()); // both uploads, train, evaluate; predict was skipped
    ran.clear();
    trainFails.set(false);
    PipelineRun resumed = pipeline.resume(failure, keepGoing);
    assertEquals(List.of("train", "predict"), ran);
    assertEquals("p by model(ab)", resumed.value(3));
    assertEquals("e of a", resumed.value(4));
  }

  @Test
  void aFailFastRunResumesTheTasksItCancelledOrNeverStarted() {
    TestPipeline pipeline = pipeline();
    PipelineException failure = assertThrows(PipelineException.class, pipeline::run);
    List<String> firstRun = List.copyOf(ran);
    ran.clear();
    trainFails.set(false);
    PipelineRun resumed = pipeline.resume(failure, RunOptions.defaults());
    // Whatever the first run finished is not run again; everything else runs once.
    for (String task : List.of("uploadA", "uploadB", "train", "predict", "evaluate")) {
      boolean finishedBefore = firstRun.contains(task) && !task.equals("train");
      assertEquals(finishedBefore ? 0 : 1, Collections.frequency(ran, task), task + " in " + ran);
    }
    assertEquals("p by model(ab)", resumed.value(3));
  }

  @RepeatedTest(20)
  void aResumeThatFailsAgainCanBeResumedAgain() {
    TestPipeline pipeline = pipeline();
    PipelineException first = assertThrows(PipelineException.class, pipeline::run);
    PipelineException second =
        assertThrows(PipelineException.class, () -> pipeline.resume(first, RunOptions.defaults()));
    assertEquals("train", second.failedTask());
    ran.clear();
    trainFails.set(false);
    assertEquals("p by model(ab)", pipeline.resume(second, RunOptions.defaults()).value(3));
    // 'evaluate' runs now too if both fail-fast runs stopped before it started, in any order.
    assertEquals(
        List.of("train", "predict"),
        ran.stream().filter(task -> !task.equals("evaluate")).toList(),
        ran.toString());
    assertTrue(Collections.frequency(ran, "evaluate") <= 1, ran.toString());
  }

  @Test
  void aDependentThatSucceededOnAnOutcomeRunsAgainWhenItsUpstreamDoes() {
    List<String> reports = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean fails = new AtomicBoolean(true);
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "train",
                r -> {
                  if (fails.get()) {
                    throw new IllegalStateException("diverged");
                  }
                  return "model";
                })
            .value(
                "report",
                r -> {
                  Outcome<String> model = r.outcome(0);
                  String text = model.isSuccess() ? model.value() : "no model";
                  reports.add(text);
                  return text;
                },
                "train")
            .acceptingFailureOf("train")
            .value(
                "fail",
                r -> {
                  throw new IllegalStateException("so that the run fails");
                });
    RunOptions keepGoing = RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING);
    PipelineException failure =
        assertThrows(PipelineException.class, () -> pipeline.run(keepGoing));
    fails.set(false);
    PipelineException again =
        assertThrows(PipelineException.class, () -> pipeline.resume(failure, keepGoing));
    assertEquals(List.of("no model", "model"), reports);
    assertEquals("model", PipelineRun.of(again, pipeline.graph()).value(1));
  }

  @Test
  void aPartialRunResumesOnlyItsTargets() {
    TestPipeline pipeline = pipeline();
    PipelineException failure =
        assertThrows(
            PipelineException.class, () -> pipeline.runOnly(RunOptions.defaults(), "train"));
    ran.clear();
    trainFails.set(false);
    PipelineRun resumed = pipeline.resume(failure, RunOptions.defaults());
    assertEquals("model(ab)", resumed.value(2));
    assertEquals(List.of("train"), ran.stream().filter(t -> !t.startsWith("upload")).toList());
    assertThrows(IllegalStateException.class, () -> resumed.value(3));
  }

  @Test
  void aFailureFromAnotherGraphIsRefused() {
    TestPipeline pipeline = pipeline();
    PipelineException failure = assertThrows(PipelineException.class, pipeline::run);
    TestPipeline other = pipeline();
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class, () -> other.resume(failure, RunOptions.defaults()));
    assertSame(failure, thrown.getCause());
  }

  @RepeatedTest(5)
  void aResumedFanOutRunsOnlyTheElementsThatDidNotSucceed() {
    List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean threeFails = new AtomicBoolean(true);
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", r -> record("grid", List.of(1, 2, 3, 4)))
            .forEach(
                "train",
                TaskKind.VALUE,
                "grid",
                0,
                (element, r) -> {
                  calls.add((Integer) element);
                  if ((Integer) element == 3 && threeFails.get()) {
                    throw new IllegalStateException("diverged");
                  }
                  return (Integer) element * 10;
                },
                "grid")
            .value(
                "best",
                r -> r.<List<Integer>>value(1).stream().mapToInt(i -> i).max().orElseThrow(),
                "train");
    RunOptions keepGoing = RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING);
    PipelineException failure =
        assertThrows(PipelineException.class, () -> pipeline.run(keepGoing));
    assertEquals("train[2]", failure.failedTask());
    calls.clear();
    threeFails.set(false);
    PipelineRun resumed = pipeline.resume(failure, keepGoing);
    assertEquals(List.of(3), calls);
    assertEquals(List.of(10, 20, 30, 40), resumed.value(1));
    assertEquals(40, resumed.<Integer>value(2));
  }

  @Test
  void aFanOutWhoseOtherInputRunsAgainRunsWhole() {
    List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean firstRun = new AtomicBoolean(true);
    TestPipeline pipeline =
        new TestPipeline()
            .value("grid", r -> List.of(1, 2, 3))
            .value(
                "config",
                r -> {
                  if (firstRun.get()) {
                    throw new IllegalStateException("no config");
                  }
                  return "tuned";
                })
            .forEach(
                "train",
                TaskKind.VALUE,
                "grid",
                0,
                (element, r) -> {
                  calls.add((Integer) element);
                  if ((Integer) element == 2 && firstRun.get()) {
                    throw new IllegalStateException("diverged");
                  }
                  Outcome<String> config = r.outcome(1);
                  return element + (config.isSuccess() ? config.value() : "-default");
                },
                "grid",
                "config")
            .acceptingFailureOf("config");
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () -> pipeline.run(RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING)));
    calls.clear();
    firstRun.set(false);
    // 'config' runs again, so the elements' inputs changed: every element runs again.
    assertEquals(
        List.of("1tuned", "2tuned", "3tuned"),
        pipeline.resume(failure, RunOptions.defaults()).value(2));
    assertEquals(List.of(1, 2, 3), calls.stream().sorted().toList());
  }
}
