package dev.taskwire.runtime.trace;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.StoreDecision;
import java.util.ArrayList;
import java.util.Collections;
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
 * <p>Recording is cheap and lock-free: a task's first attempt, its start and its end, is written
 * into arrays of the run, one slot per task, and any other event (a retry, a wait for a limit, a
 * store's decision) appends one small entry to a concurrent queue. The trace's spans are assembled
 * from these once, when they are first read, so a run whose trace nobody reads pays nothing for
 * them. One recorder follows one run at a time (events carry no run identity); give concurrent runs
 * a recorder each.
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

  /**
   * The run being recorded. Each task's first attempt is kept in the arrays, written by the thread
   * of the event (one task's events happen one after another, and all before runFinished); every
   * other event goes to {@code entries}.
   */
  private static final class Recording {
    final TaskGraph graph;
    final long startNanos;
    final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    final long[] firstStart;
    final String[] firstThread;
    final long[] firstEnd;
    final Kind[] firstEnding;
    final String[] firstFailure;

    Recording(TaskGraph graph, long startNanos) {
      this.graph = graph;
      this.startNanos = startNanos;
      this.firstStart = new long[graph.size()];
      this.firstThread = new String[graph.size()];
      this.firstEnd = new long[graph.size()];
      this.firstEnding = new Kind[graph.size()];
      this.firstFailure = new String[graph.size()];
    }
  }

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
    recording = new Recording(event.graph(), event.nanoTime());
  }

  @Override
  public void taskStarted(TaskEvent event) {
    Recording current = recording;
    if (current != null && !event.isElement() && event.attempt() == 1) {
      current.firstStart[event.index()] = event.nanoTime() - current.startNanos;
      current.firstThread[event.index()] = threadName(event.thread());
      return;
    }
    add(Kind.STARTED, event, threadName(event.thread()), null);
  }

  @Override
  public void taskRetried(TaskEvent event) {
    add(Kind.RETRIED, event, null, String.valueOf(event.error()));
  }

  @Override
  public void taskSucceeded(TaskEvent event) {
    end(Kind.SUCCEEDED, event, null);
  }

  @Override
  public void taskFailed(TaskEvent event) {
    end(Kind.FAILED, event, String.valueOf(event.error()));
  }

  @Override
  public void taskCancelled(TaskEvent event) {
    end(Kind.CANCELLED, event, String.valueOf(event.error()));
  }

  /** A task's end: into the arrays if its first attempt ends it, else as an entry. */
  private void end(Kind kind, TaskEvent event, String failure) {
    Recording current = recording;
    if (current != null && !event.isElement() && event.attempt() == 1) {
      current.firstEnd[event.index()] = event.nanoTime() - current.startNanos;
      current.firstEnding[event.index()] = kind;
      current.firstFailure[event.index()] = failure;
      return;
    }
    add(kind, event, null, failure);
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

  /**
   * Every task event happens-before runFinished, so the recording is complete here, and nothing
   * writes it any more: the next run gets a recording of its own. The spans are made from it when
   * the trace is first read.
   */
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
    long duration = event.nanoTime() - finished.startNanos;
    last = Trace.madeWhenRead(finished.graph, duration, ending, () -> spans(finished, duration));
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
      current.entries.add(
          new Entry(
              kind,
              event.index(),
              event.attempt(),
              event.nanoTime() - current.startNanos,
              thread,
              failure));
    }
  }

  /**
   * Replays each task's events in the order they happened: a wait for a limit before its first
   * attempt, the first attempt's start (from the arrays), its other events (entries of one task
   * reach the queue in order, since each happens-before the next), then an end that its first
   * attempt reported (from the arrays; after a retry's backoff, a cancellation before the next
   * attempt still reports the first).
   */
  private static List<TaskSpan> spans(Recording recording, long runEnd) {
    TaskGraph graph = recording.graph;
    int size = graph.size();
    List<List<Entry>> byTask = entriesByTask(recording.entries, size);
    Replay replay = new Replay();
    List<TaskSpan> spans = new ArrayList<>(size);
    for (int task = 0; task < size; task++) {
      replay.reset();
      List<Entry> entries = byTask == null ? null : byTask.get(task);
      int next = 0;
      if (entries != null
          && entries.get(0).kind() == Kind.LIMITED
          && entries.get(0).attempt() == 1) {
        replay.apply(entries.get(next++));
      }
      if (recording.firstThread[task] != null) {
        replay.started(1, recording.firstStart[task], recording.firstThread[task]);
      }
      for (; entries != null && next < entries.size(); next++) {
        replay.apply(entries.get(next));
      }
      Kind firstEnding = recording.firstEnding[task];
      if (firstEnding != null) {
        replay.ended(firstEnding, recording.firstEnd[task], recording.firstFailure[task]);
      }
      spans.add(replay.span(graph.name(task), runEnd));
    }
    return spans;
  }

  /** The entries of each task, in the order they reached the queue; null if there are none. */
  private static List<List<Entry>> entriesByTask(Iterable<Entry> entries, int size) {
    List<List<Entry>> byTask = null;
    for (Entry entry : entries) {
      if (byTask == null) {
        byTask = new ArrayList<>(Collections.nCopies(size, (List<Entry>) null));
      }
      List<Entry> ofTask = byTask.get(entry.task());
      if (ofTask == null) {
        ofTask = new ArrayList<>(4);
        byTask.set(entry.task(), ofTask);
      }
      ofTask.add(entry);
    }
    return byTask;
  }

  /** One task's events replayed into its span; reused from task to task. */
  private static final class Replay {
    private TaskSpan.Ending ending;
    private StoreDecision decision;
    private long limitWait;
    private long limitedSince;
    private int openAttempt;
    private long openStart;
    private String openThread;
    private TaskSpan.Attempt firstAttempt;
    private List<TaskSpan.Attempt> attempts;

    void reset() {
      ending = null;
      decision = null;
      limitWait = 0;
      limitedSince = 0;
      openThread = null;
      firstAttempt = null;
      attempts = null;
    }

    void apply(Entry entry) {
      switch (entry.kind()) {
        case STARTED -> started(entry.attempt(), entry.nanoTime(), entry.thread());
        case LIMITED -> limitedSince = Math.max(1, entry.nanoTime());
        case RETRIED -> close(entry.nanoTime(), entry.failure());
        case SKIPPED -> ending = TaskSpan.Ending.SKIPPED;
        case SUPPLIED -> ending = TaskSpan.Ending.SUPPLIED;
        case LOOKED_UP -> decision = StoreDecision.valueOf(entry.failure());
        case SUCCEEDED, FAILED, CANCELLED -> ended(entry.kind(), entry.nanoTime(), entry.failure());
      }
    }

    void started(int attempt, long nanoTime, String thread) {
      openAttempt = attempt;
      openStart = nanoTime;
      openThread = thread;
      if (limitedSince != 0) {
        limitWait += nanoTime - limitedSince;
        limitedSince = 0;
      }
    }

    void ended(Kind kind, long nanoTime, String failure) {
      close(nanoTime, failure);
      ending =
          switch (kind) {
            case SUCCEEDED -> TaskSpan.Ending.SUCCEEDED;
            case FAILED -> TaskSpan.Ending.FAILED;
            default -> TaskSpan.Ending.CANCELLED;
          };
    }

    /** Ends the open attempt, if there is one, at {@code nanoTime} with {@code failure}. */
    private void close(long nanoTime, String failure) {
      if (openThread == null) {
        return;
      }
      TaskSpan.Attempt attempt =
          new TaskSpan.Attempt(
              openAttempt, openStart, Math.max(openStart, nanoTime), openThread, failure);
      openThread = null;
      if (firstAttempt == null) {
        firstAttempt = attempt;
      } else {
        if (attempts == null) {
          attempts = new ArrayList<>();
          attempts.add(firstAttempt);
        }
        attempts.add(attempt);
      }
    }

    /** The span; a task with no end event (a trace must not lie) is cut at the run's end. */
    TaskSpan span(String task, long runEnd) {
      if (ending == null) {
        boolean started = openThread != null || firstAttempt != null;
        close(runEnd, null);
        ending = started ? TaskSpan.Ending.CANCELLED : TaskSpan.Ending.SKIPPED;
      }
      List<TaskSpan.Attempt> all =
          attempts != null ? attempts : firstAttempt != null ? List.of(firstAttempt) : List.of();
      return new TaskSpan(task, ending, all, decision, limitWait);
    }
  }
}
