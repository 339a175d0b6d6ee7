package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * A run in words, at one instant, for a person looking at a run that seems stuck: one line per task
 * saying what it is doing (waiting for which prerequisites, ready, running on which thread and
 * where, waiting for its async result, backing off before a retry or waiting for the previous
 * attempt's future to complete (oneAttemptAtATime), or how it ended), and, for a fan-out in flight,
 * its elements that are under way. Reads statuses and in-flight slots only; it changes nothing and
 * takes no lock, so the lines may disagree by a task that moved meanwhile.
 */
final class RunSnapshot {
  /** Elements of one fan-out listed at most; the rest are counted. */
  private static final int ELEMENTS_SHOWN = 10;

  private RunSnapshot() {}

  static String of(PipelineRun run) {
    long now = System.nanoTime();
    GraphTable graph = run.graph;
    int ended = 0;
    int included = 0;
    List<String> lines = new ArrayList<>();
    int width = 0;
    for (int task = 0; task < graph.size(); task++) {
      width = Math.max(width, graph.name(task).length());
    }
    for (int task = 0; task < graph.size(); task++) {
      if (!run.isIncluded(task)) {
        continue;
      }
      included++;
      int state = TaskStatus.get(run.status, task);
      if (isEnded(state)) {
        ended++;
      }
      lines.add(pad(graph.name(task), width) + "  " + describe(run, task, state, now));
      if (run.inFlight(task) instanceof Scheduler elements) {
        lines.addAll(elementLines(elements, now));
      }
    }
    StringBuilder text =
        new StringBuilder("run of ")
            .append(graph.pipeline())
            .append(": ")
            .append(phase(run))
            .append(", ")
            .append(ended)
            .append(" of ")
            .append(included)
            .append(" tasks ended");
    for (String line : lines) {
      text.append(System.lineSeparator()).append("  ").append(line);
    }
    return text.toString();
  }

  private static String phase(PipelineRun run) {
    String phase =
        switch (run.phase()) {
          case PipelineRun.SUCCEEDED -> "succeeded";
          case PipelineRun.FAILED -> "failed";
          case PipelineRun.CANCELLED -> "cancelled";
          default -> "running";
        };
    return run.phase() != PipelineRun.ACTIVE && !run.isDone() ? phase + ", stopping" : phase;
  }

  private static boolean isEnded(int state) {
    return state == TaskStatus.SUCCEEDED
        || state == TaskStatus.FAILED
        || state == TaskStatus.CANCELLED;
  }

  /** What one task is doing, or how it ended. */
  private static String describe(PipelineRun run, int task, int state, long now) {
    switch (state) {
      case TaskStatus.SUCCEEDED -> {
        return "succeeded";
      }
      case TaskStatus.FAILED -> {
        return "failed: " + run.slots[task];
      }
      case TaskStatus.CANCELLED -> {
        return "cancelled";
      }
      case TaskStatus.RETRY_WAIT -> {
        int next = run.attemptOf(task) + 1;
        return run.inFlight(task) instanceof Retries.Wait wait
                && wait.previous != null
                && wait.backoffPassed()
            ? "waiting for the future of timed-out attempt "
                + (next - 1)
                + " to complete before attempt "
                + next
            : "backing off before attempt " + next;
      }
      case TaskStatus.COMPLETING -> {
        return "ending";
      }
      case TaskStatus.RUNNING -> {
        return running(run, task, now) + attempt(run, task);
      }
      default -> {
        if (run.phase() != PipelineRun.ACTIVE) {
          return "will not start: the run is " + phase(run);
        }
        List<String> waitingFor = unfinishedPrerequisites(run, task);
        if (!waitingFor.isEmpty()) {
          return "waiting for " + String.join(", ", waitingFor);
        }
        return run.attemptOf(task) > 1
            ? "ready for attempt " + run.attemptOf(task) + ", waiting for a thread"
            : "ready, waiting for a thread";
      }
    }
  }

  /** A started task: where its attempt is, by what it has in flight. */
  private static String running(PipelineRun run, int task, long now) {
    Object inFlight = run.inFlight(task);
    String since = since(run, task, now);
    if (inFlight instanceof Thread thread) {
      return "running on thread '" + thread.getName() + "'" + since + where(thread);
    }
    if (inFlight instanceof Scheduler elements) {
      return "running its elements" + since + ": " + elementCounts(elements);
    }
    if (inFlight instanceof CompletionStage<?>) {
      return run.graph.kind(task) == TaskKind.ASYNC
          ? "waiting for the future it returned" + since
          : "waiting for its result from the dispatcher" + since;
    }
    return "starting" + since; // between the claim and the call, or reading the result store
  }

  private static String attempt(PipelineRun run, int task) {
    int attempt = run.attemptOf(task);
    return attempt > 1 ? " (attempt " + attempt + ")" : "";
  }

  /**
   * " for 2.315 s" when the run recorded the start (it does for a listener of task starts), else
   * nothing.
   */
  private static String since(PipelineRun run, int task, long now) {
    long started = run.features == null ? 0 : run.features.startedNanos(task);
    return started == 0 ? "" : String.format(Locale.ROOT, " for %.3f s", (now - started) / 1e9);
  }

  /**
   * The thread's state and its first frame outside the JDK, which is where a stuck task's own code
   * waits: " (WAITING in com.example.Slow.call(Slow.java:17))".
   */
  private static String where(Thread thread) {
    StackTraceElement[] frames = thread.getStackTrace();
    for (StackTraceElement frame : frames) {
      String type = frame.getClassName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return " ("
            + thread.getState()
            + " in "
            + type
            + "."
            + frame.getMethodName()
            + "("
            + frame.getFileName()
            + ":"
            + frame.getLineNumber()
            + "))";
      }
    }
    return " (" + thread.getState() + ")";
  }

  /** A fan-out's elements by how far they got: "3 of 20 ended (1 failed), 2 under way". */
  private static String elementCounts(Scheduler elements) {
    int ended = 0;
    int failed = 0;
    int underWay = 0;
    for (int element = 0; element < elements.graph.size(); element++) {
      int state = TaskStatus.get(elements.status, element);
      if (isEnded(state)) {
        ended++;
        failed += state == TaskStatus.SUCCEEDED ? 0 : 1;
      } else if (TaskStatus.isInAttempt(state)) {
        underWay++;
      }
    }
    return ended
        + " of "
        + elements.graph.size()
        + " ended"
        + (failed == 0 ? "" : " (" + failed + " failed or cancelled)")
        + ", "
        + underWay
        + " under way";
  }

  /** The elements under way, indented under their task, the first few only. */
  private static List<String> elementLines(Scheduler elements, long now) {
    List<String> lines = new ArrayList<>();
    int more = 0;
    for (int element = 0; element < elements.graph.size(); element++) {
      int state = TaskStatus.get(elements.status, element);
      if (TaskStatus.isInAttempt(state)) {
        if (lines.size() < ELEMENTS_SHOWN) {
          lines.add(
              "  " + elements.graph.name(element) + "  " + describe(elements, element, state, now));
        } else {
          more++;
        }
      }
    }
    if (more > 0) {
      lines.add("  ... and " + more + " more elements under way");
    }
    return lines;
  }

  /** The prerequisites {@code task} still waits for, by name. */
  private static List<String> unfinishedPrerequisites(PipelineRun run, int task) {
    List<String> names = new ArrayList<>();
    for (int prerequisite : run.graph.dependenciesOf(task)) {
      int state = TaskStatus.get(run.status, prerequisite);
      boolean done =
          state == TaskStatus.SUCCEEDED
              || (isEnded(state) && takesOutcome(run.graph, task, prerequisite));
      if (!done) {
        names.add(run.graph.name(prerequisite));
      }
    }
    return names;
  }

  private static boolean takesOutcome(GraphTable graph, int task, int prerequisite) {
    for (int dependent : graph.tolerantDependentsOf(prerequisite)) {
      if (dependent == task) {
        return true;
      }
    }
    return false;
  }

  private static String pad(String name, int width) {
    return name + " ".repeat(width - name.length());
  }
}
