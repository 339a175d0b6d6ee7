package dev.taskwire.runtime.trace;

import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.internal.GraphBuilder;
import dev.taskwire.runtime.internal.GraphTable;
import java.util.ArrayList;
import java.util.List;

/** Builds traces by hand, in milliseconds, for tests that need exact times. */
final class Traces {
  static final long MS = 1_000_000;

  /** A task name with everything JSON and HTML must escape. */
  static final String ODD = "say \"hi\"\\ \n\t<b>&</b> \u0001\u2028 ünï ☃";

  /** upload retried once, then train; a task with an odd name; one that never started. */
  static final Trace TRACE =
      pipeline("ml.Pipeline")
          .task(
              "upload",
              TaskSpan.Ending.SUCCEEDED,
              List.of(
                  attempt(1, 0, 10, "java.io.IOException: \"flaky\""), attempt(2, 30, 1000, null)))
          .ran(ODD, 0, 500)
          .ran("train", 1000, 3000, "upload", ODD)
          .skipped("publish", "train")
          .took(3100, TaskSpan.Ending.FAILED);

  private final GraphBuilder graph;
  private final List<TaskSpan> spans = new ArrayList<>();

  private Traces(String pipeline) {
    this.graph = GraphTable.builder(pipeline);
  }

  static Traces pipeline(String pipeline) {
    return new Traces(pipeline);
  }

  /** A task that succeeded at its first attempt, from {@code startMs} to {@code endMs}. */
  Traces ran(String task, long startMs, long endMs, String... dependencies) {
    return task(
        task, TaskSpan.Ending.SUCCEEDED, List.of(attempt(1, startMs, endMs, null)), dependencies);
  }

  /** A task that never started. */
  Traces skipped(String task, String... dependencies) {
    return task(task, TaskSpan.Ending.SKIPPED, List.of(), dependencies);
  }

  Traces task(
      String task,
      TaskSpan.Ending outcome,
      List<TaskSpan.Attempt> attempts,
      String... dependencies) {
    graph.task(task, TaskKind.VALUE, dependencies);
    spans.add(new TaskSpan(task, outcome, attempts));
    return this;
  }

  static TaskSpan.Attempt attempt(int number, long startMs, long endMs, String failure) {
    return new TaskSpan.Attempt(number, startMs * MS, endMs * MS, "worker-" + number, failure);
  }

  Trace took(long durationMs, TaskSpan.Ending outcome) {
    return Trace.of(graph.build(), durationMs * MS, outcome, spans);
  }

  Trace took(long durationMs) {
    return took(durationMs, TaskSpan.Ending.SUCCEEDED);
  }
}
