package dev.taskwire.runtime.trace;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.StoreDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records runs as {@link Trace}s: register it with {@link RunOptions#listener(TaskListener)}, and
 * once the run is over, {@link #trace()} holds what happened.
 *
 * <pre>{@code
 * TraceRecorder recorder = new TraceRecorder();
 * new PipelineRunner(pipeline, RunOptions.defaults().listener(recorder)).run();
 * recorder.trace().writeHtml(Path.of("target/timeline.html"));
 * }</pre>
 *
 * <p>Recording is cheap and lock-free: each event appends one small entry to a concurrent queue,
 * and the trace is assembled once, when the run finishes. One recorder follows one run at a time
 * (events carry no run identity); give concurrent runs a recorder each.
 */
public final class TraceRecorder implements TaskListener {
  private enum Kind {
    STARTED,
    RETRIED,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    SKIPPED,
    SUPPLIED,
    LOOKED_UP,
    LIMITED
  }

  /**
   * One event, reduced to what a trace keeps; the thread's name is read when it happens. A look-up
   * keeps its decision's name as its failure.
   */
  private record Entry(
      Kind kind, int task, int attempt, long nanoTime, String thread, String failure) {}

  /** The run being recorded. */
  private record Recording(
      TaskGraph graph, long startNanos, ConcurrentLinkedQueue<Entry> entries) {}

  private volatile Recording recording;
  private volatile Trace last;

  /**
   * The trace of the last run that finished.
   *
   * @throws IllegalStateException if no run recorded here has finished yet
   */
  public Trace trace() {
    Trace trace = last;
    if (trace == null) {
      throw new IllegalStateException("no run recorded by this TraceRecorder has finished yet");
    }
    return trace;
  }

  @Override
  public void runStarted(RunEvent event) {
    recording = new Recording(event.graph(), event.nanoTime(), new ConcurrentLinkedQueue<>());
  }

  @Override
  public void taskStarted(TaskEvent event) {
    add(Kind.STARTED, event, threadName(event.thread()), null);
  }

  @Override
  public void taskRetried(TaskEvent event) {
    add(Kind.RETRIED, event, null, String.valueOf(event.error()));
  }

  @Override
  public void taskSucceeded(TaskEvent event) {
    add(Kind.SUCCEEDED, event, null, null);
  }

  @Override
  public void taskFailed(TaskEvent event) {
    add(Kind.FAILED, event, null, String.valueOf(event.error()));
  }

  @Override
  public void taskCancelled(TaskEvent event) {
    add(Kind.CANCELLED, event, null, String.valueOf(event.error()));
  }

  @Override
  public void taskSkipped(TaskEvent event) {
    add(Kind.SKIPPED, event, null, null);
  }

  @Override
  public void taskSupplied(TaskEvent event) {
    add(Kind.SUPPLIED, event, null, null);
  }

  @Override
  public void taskLimited(TaskEvent event, String limit) {
    add(Kind.LIMITED, event, null, limit);
  }

  @Override
  public void taskLookedUp(TaskEvent event, StoreDecision decision) {
    add(Kind.LOOKED_UP, event, null, decision.name());
  }

  /** Every task event happens-before runFinished, so the queue is complete here. */
  @Override
  public void runFinished(RunEvent event) {
    Recording finished = recording;
    if (finished == null) {
      return;
    }
    TaskSpan.Ending ending =
        event.failure() == null
            ? TaskSpan.Ending.SUCCEEDED
            : event.failure() instanceof PipelineException
                ? TaskSpan.Ending.FAILED
                : TaskSpan.Ending.CANCELLED;
    long duration = event.nanoTime() - finished.startNanos();
    last = Trace.of(finished.graph(), duration, ending, spans(finished, duration));
  }

  /** A thread's name, or its id for a thread without one (virtual threads by default). */
  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
  private static String threadName(Thread thread) {
    String name = thread.getName();
    return name.isEmpty() ? "thread #" + thread.getId() : name;
  }

  /** A fan-out's elements are drawn as their task's one bar, from its start to their end. */
  private void add(Kind kind, TaskEvent event, String thread, String failure) {
    Recording current = recording;
    if (current != null && !event.isElement()) {
      current
          .entries()
          .add(
              new Entry(
                  kind,
                  event.index(),
                  event.attempt(),
                  event.nanoTime() - current.startNanos(),
                  thread,
                  failure));
    }
  }

  /**
   * Replays the entries task by task. One task's events reach the queue in the order they happened,
   * since each happens-before the next; different tasks' entries interleave freely.
   */
  private static List<TaskSpan> spans(Recording recording, long runEnd) {
    TaskGraph graph = recording.graph();
    int size = graph.size();
    List<List<TaskSpan.Attempt>> attempts = new ArrayList<>(size);
    TaskSpan.Ending[] endings = new TaskSpan.Ending[size];
    StoreDecision[] decisions = new StoreDecision[size];
    long[] limitWaits = new long[size];
    long[] limitedSince = new long[size];
    Entry[] open = new Entry[size];
    for (int task = 0; task < size; task++) {
      attempts.add(new ArrayList<>());
    }
    for (Entry entry : recording.entries()) {
      int task = entry.task();
      switch (entry.kind()) {
        case STARTED -> {
          open[task] = entry;
          if (limitedSince[task] != 0) {
            limitWaits[task] += entry.nanoTime() - limitedSince[task];
            limitedSince[task] = 0;
          }
        }
        case LIMITED -> limitedSince[task] = Math.max(1, entry.nanoTime());
        case RETRIED -> close(attempts.get(task), open, entry);
        case SKIPPED -> endings[task] = TaskSpan.Ending.SKIPPED;
        case SUPPLIED -> endings[task] = TaskSpan.Ending.SUPPLIED;
        case LOOKED_UP -> decisions[task] = StoreDecision.valueOf(entry.failure());
        case SUCCEEDED, FAILED, CANCELLED -> {
          close(attempts.get(task), open, entry);
          endings[task] =
              switch (entry.kind()) {
                case SUCCEEDED -> TaskSpan.Ending.SUCCEEDED;
                case FAILED -> TaskSpan.Ending.FAILED;
                default -> TaskSpan.Ending.CANCELLED;
              };
        }
      }
    }
    List<TaskSpan> spans = new ArrayList<>(size);
    for (int task = 0; task < size; task++) {
      TaskSpan.Ending ending = endings[task];
      if (ending == null) {
        // No end event (a listener cannot miss one, but a trace must not lie): cut it at the end.
        if (open[task] != null) {
          close(
              attempts.get(task),
              open,
              new Entry(Kind.CANCELLED, task, open[task].attempt(), runEnd, null, null));
        }
        ending = attempts.get(task).isEmpty() ? TaskSpan.Ending.SKIPPED : TaskSpan.Ending.CANCELLED;
      }
      spans.add(
          new TaskSpan(
              graph.name(task), ending, attempts.get(task), decisions[task], limitWaits[task]));
    }
    return spans;
  }

  /** Ends the task's open attempt, if it has one, with {@code end}'s time and failure. */
  private static void close(List<TaskSpan.Attempt> attempts, Entry[] open, Entry end) {
    Entry start = open[end.task()];
    if (start != null) {
      attempts.add(
          new TaskSpan.Attempt(
              start.attempt(),
              start.nanoTime(),
              Math.max(start.nanoTime(), end.nanoTime()),
              start.thread(),
              end.failure()));
      open[end.task()] = null;
    }
  }
}
