package dev.taskwire.samples;

import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.Trace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stopwatch for the steps of a pipeline called by hand, one after another: it reports them as a
 * {@link Trace} of the same graph, so that they can be drawn beside a real run (recorded by a
 * {@code TraceRecorder}) on one {@link GanttChart}. The steps run on one thread, so this is not
 * thread-safe.
 */
final class StepTimer {
  private final TaskGraph graph;
  private final long origin = System.nanoTime();
  private final Map<String, TaskSpan> spans = new HashMap<>();
  private TaskSpan.Ending outcome = TaskSpan.Ending.SUCCEEDED;

  StepTimer(TaskGraph graph) {
    this.graph = graph;
  }

  /** Runs one step on this thread and records it as task {@code task}. */
  <T> T time(String task, Supplier<T> step) {
    long start = System.nanoTime() - origin;
    String thread = Thread.currentThread().getName();
    try {
      T value = step.get();
      record(task, TaskSpan.Ending.SUCCEEDED, start, thread, null);
      return value;
    } catch (RuntimeException failure) {
      record(task, TaskSpan.Ending.FAILED, start, thread, failure.toString());
      outcome = TaskSpan.Ending.FAILED;
      throw failure;
    }
  }

  /** The steps so far, as a run that ended with the last of them; the rest never started. */
  Trace trace() {
    List<TaskSpan> ordered =
        graph.taskNames().stream()
            .map(
                task ->
                    spans.getOrDefault(
                        task, new TaskSpan(task, TaskSpan.Ending.SKIPPED, List.of())))
            .toList();
    long end = ordered.stream().filter(TaskSpan::ran).mapToLong(TaskSpan::endNanos).max().orElse(0);
    return Trace.of(graph, end, outcome, ordered);
  }

  private void record(
      String task, TaskSpan.Ending taskOutcome, long start, String thread, String failure) {
    TaskSpan.Attempt attempt =
        new TaskSpan.Attempt(1, start, System.nanoTime() - origin, thread, failure);
    spans.put(task, new TaskSpan(task, taskOutcome, List.of(attempt)));
  }
}
