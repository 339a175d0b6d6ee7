package dev.taskwire.runtime.trace;

import dev.taskwire.runtime.TaskGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Why a run took as long as it did: the chain of dependencies that decided its end, and how much
 * later every other task could have finished without delaying it.
 *
 * <p>The <em>critical path</em> starts at the task that finished last and walks back, each time to
 * the prerequisite that finished last (the one the task was waiting for), until a task with no
 * prerequisites. Speeding up anything else does not make the run shorter.
 *
 * <p>A task's <em>slack</em> is how much later it could have finished with the run still ending
 * when the last task did, if each of its dependents had then started as late as it could: {@code
 * latestEnd(t) = min(last task's end, min over dependents d of latestEnd(d) - duration(d))}, and
 * slack is {@code latestEnd(t) - end(t)}. A dependent that started some time after its last
 * prerequisite ended (waiting for a thread, say) gives that time to the prerequisite as slack.
 * Tasks that never ran have none. Immutable.
 */
public final class CriticalPath {
  private static final long NONE = Long.MIN_VALUE;

  private final Trace trace;
  private final List<String> tasks;
  private final long pathNanos;
  private final long[] slack;

  private CriticalPath(Trace trace, List<String> tasks, long pathNanos, long[] slack) {
    this.trace = trace;
    this.tasks = tasks;
    this.pathNanos = pathNanos;
    this.slack = slack;
  }

  /** Computes the critical path and slack of a recorded run. */
  public static CriticalPath of(Trace trace) {
    List<TaskSpan> spans = trace.tasks();
    TaskGraph graph = trace.graph();
    int last = -1;
    for (int task = 0; task < spans.size(); task++) {
      if (spans.get(task).ran()
          && (last < 0 || spans.get(task).endNanos() > spans.get(last).endNanos())) {
        last = task;
      }
    }
    List<String> path = new ArrayList<>();
    long pathNanos = 0;
    for (int task = last; task >= 0; task = lastPrerequisite(graph, spans, task)) {
      path.add(graph.name(task));
      pathNanos += spans.get(task).durationNanos();
    }
    Collections.reverse(path);
    long[] slack = new long[spans.size()];
    Arrays.fill(slack, NONE);
    if (last >= 0) {
      long runEnd = spans.get(last).endNanos();
      long[] latestEnd = new long[spans.size()];
      int[] order = graph.topologicalOrder();
      for (int i = order.length - 1; i >= 0; i--) {
        int task = order[i];
        latestEnd[task] = runEnd;
        for (int dependent : graph.dependentIndices(task)) {
          if (spans.get(dependent).ran()) {
            latestEnd[task] =
                Math.min(
                    latestEnd[task], latestEnd[dependent] - spans.get(dependent).durationNanos());
          }
        }
        if (spans.get(task).ran()) {
          slack[task] = latestEnd[task] - spans.get(task).endNanos();
        }
      }
    }
    return new CriticalPath(trace, List.copyOf(path), pathNanos, slack);
  }

  /** The prerequisite that ran and finished last (the first such in graph order), or -1. */
  private static int lastPrerequisite(TaskGraph graph, List<TaskSpan> spans, int task) {
    int found = -1;
    for (int prerequisite : graph.dependencyIndices(task)) {
      TaskSpan span = spans.get(prerequisite);
      if (span.ran() && (found < 0 || span.endNanos() > spans.get(found).endNanos())) {
        found = prerequisite;
      }
    }
    return found;
  }

  /** The tasks of the critical path, first to last; empty if no task ran. */
  public List<String> tasks() {
    return tasks;
  }

  /** Whether {@code task} is on the critical path. */
  public boolean contains(String task) {
    return tasks.contains(task);
  }

  /** The time the critical path's tasks took, added up (retry waits included). */
  public long pathNanos() {
    return pathNanos;
  }

  /** The slack of {@code task} in nanoseconds; empty if it never ran. */
  public OptionalLong slackNanos(String task) {
    long value = slack[indexOf(task)];
    return value == NONE ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * One line for a log: {@code the run took 4.2 s; 3.9 s of it was upload -> train -> predict}. The
   * difference is time spent between the path's tasks (waiting for a thread, say).
   */
  public String report() {
    String took = "the run took " + Durations.readable(trace.durationNanos());
    return tasks.isEmpty()
        ? took + "; no task ran"
        : took + "; " + Durations.readable(pathNanos) + " of it was " + String.join(" -> ", tasks);
  }

  private int indexOf(String task) {
    int index = trace.graph().indexOf(task);
    if (index < 0) {
      throw new IllegalArgumentException("no task named '" + task + "' in " + trace.pipeline());
    }
    return index;
  }

  @Override
  public String toString() {
    return report();
  }
}
