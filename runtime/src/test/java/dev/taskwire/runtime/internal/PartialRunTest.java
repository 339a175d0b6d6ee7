package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PartialRunTest {
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  /** upload -> train -> predict, and a separate report branch on upload. */
  private TestPipeline pipeline() {
    return new TestPipeline()
        .value("upload", r -> record("upload", "data"))
        .value("train", r -> record("train", "model of " + r.value(0)), "upload")
        .value("predict", r -> record("predict", "predictions of " + r.value(1)), "train")
        .value("report", r -> record("report", "report of " + r.value(0)), "upload")
        .value("unrelated", r -> record("unrelated", "x"));
  }

  private Object record(String task, Object value) {
    ran.add(task);
    return value;
  }

  @RepeatedTest(5)
  void onlyTheTargetsAndTheirPrerequisitesRun() {
    PipelineRun run = pipeline().runOnly(RunOptions.defaults(), "train");
    assertEquals(List.of("upload", "train"), ran);
    assertEquals("model of data", run.value(1));
    IllegalStateException notRun = assertThrows(IllegalStateException.class, () -> run.value(2));
    assertEquals(
        "task 'predict' of test.Pipeline has no result: it was left out: it is neither "
            + "a target of the run nor a prerequisite of one",
        notRun.getMessage());
  }

  @Test
  void severalTargetsShareTheirPrerequisites() {
    PipelineRun run = pipeline().runOnly(RunOptions.defaults(), "predict", "report");
    assertEquals(4, ran.size());
    assertEquals(1, Collections.frequency(ran, "upload"));
    assertEquals("report of data", run.value(3));
  }

  @Test
  void tasksLeftOutAreNeitherReportedNorSkipped() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskSkipped(TaskEvent event) {
            events.add("skipped " + event.task());
          }

          @Override
          public void taskSucceeded(TaskEvent event) {
            events.add(event.task());
          }
        };
    pipeline().runOnly(RunOptions.defaults().listener(listener), "upload");
    assertEquals(List.of("upload"), events);
  }

  @Test
  void aFailureInAPartialRunSkipsOnlyIncludedDependents() {
    TestPipeline failing =
        new TestPipeline()
            .value(
                "upload",
                r -> {
                  throw new IllegalStateException("no network");
                })
            .value("train", r -> "model", "upload")
            .value("predict", r -> "p", "train");
    PipelineException thrown =
        assertThrows(
            PipelineException.class, () -> failing.runOnly(RunOptions.defaults(), "train"));
    PipelineRun run = PipelineRun.of(thrown, failing.graph());
    assertEquals(
        "task 'train' of test.Pipeline has no result: it did not run because task "
            + "'upload' failed",
        assertThrows(IllegalStateException.class, () -> run.value(1)).getMessage());
    assertEquals(
        "task 'predict' of test.Pipeline has no result: it was left out: it is neither "
            + "a target of the run nor a prerequisite of one",
        assertThrows(IllegalStateException.class, () -> run.value(2)).getMessage());
  }

  @Test
  void startOnlyRunsTheTargetsOnTheExecutor() {
    TestPipeline built = pipeline();
    PipelineRun run =
        RunTemplate.of(built.graph(), invokerOf(built), RunOptions.defaults())
            .startOnly(null, null, new int[] {built.graph().indexOf("report")});
    run.await();
    assertEquals("report of data", run.value(3));
    assertEquals(List.of("upload", "report"), ran);
  }

  @Test
  void theFutureOfATaskLeftOutSaysSo() {
    TestPipeline built = pipeline();
    PipelineRun run =
        RunTemplate.of(built.graph(), built.invoker(), RunOptions.defaults())
            .startOnly(null, null, new int[] {built.graph().indexOf("upload")});
    run.await();
    CancellationException thrown =
        assertThrows(CancellationException.class, () -> run.future(2).join());
    // Java 23+ wraps the future's own exception in one that says "join".
    Throwable reason = thrown.getCause() instanceof CancellationException own ? own : thrown;
    assertEquals(
        "task 'predict' did not run: it was left out: it is neither a target of the run"
            + " nor a prerequisite of one",
        reason.getMessage());
  }

  @Test
  void noTargetsIsAMistake() {
    TestPipeline built = pipeline();
    RunTemplate template = RunTemplate.of(built.graph(), invokerOf(built), RunOptions.defaults());
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class, () -> template.runOnly(null, null, new int[0]));
    assertEquals("name at least one target task", thrown.getMessage());
  }

  private static TaskInvoker invokerOf(TestPipeline pipeline) {
    return pipeline.invoker();
  }
}
