package dev.taskwire.samples;

import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When each task of one run started and ended, and how: a {@link TaskListener} the runner
 * reports to (register it with {@code RunOptions.listener}), or a stopwatch for steps run by hand
 * ({@link #time}), so that both can be drawn on one {@link GanttChart}. Thread-safe: events come
 * from pool threads and from the HTTP client's threads that complete async tasks. The live log
 * is {@code ConsoleProgress}'s job, and the runtime's {@code TraceRecorder} keeps the details.
 */
public final class TaskTimeline implements TaskListener {
  /** How a task that started ended. A task that never started has no span. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    /** Stopped while running because the run stopped (a failure elsewhere, or a cancel). */
    CANCELLED
  }

  /**
   * One task's time on the timeline, in nanoseconds since the timeline's origin; {@code end} is
   * -1 and {@code outcome} null while it runs; {@code detail} is a failure's message.
   */
  public record Span(String task, long start, long end, Outcome outcome, String detail) {
    public boolean ended() {
      return outcome != null;
    }

    public long durationNanos() {
      return end - start;
    }
  }

  private final long origin = System.nanoTime();
  private final Map<String, Span> spans = new LinkedHashMap<>();

  // ---- events from the runner ----------------------------------------------------------------

  @Override
  public void taskStarted(TaskEvent event) {
    started(event.task(), event.nanoTime());
  }

  @Override
  public void taskSucceeded(TaskEvent event) {
    ended(event.task(), event.nanoTime(), Outcome.SUCCEEDED, "");
  }

  @Override
  public void taskFailed(TaskEvent event) {
    ended(event.task(), event.nanoTime(), Outcome.FAILED, message(event.error()));
  }

  @Override
  public void taskCancelled(TaskEvent event) {
    ended(event.task(), event.nanoTime(), Outcome.CANCELLED, "stopped while it was waiting");
  }

  // ---- steps timed by hand ---------------------------------------------------------------------

  /** Runs one step on this thread and records it under {@code task}. */
  public <T> T time(String task, Supplier<T> step) {
    started(task, System.nanoTime());
    T value;
    try {
      value = step.get();
    } catch (RuntimeException failure) {
      ended(task, System.nanoTime(), Outcome.FAILED, message(failure));
      throw failure;
    }
    ended(task, System.nanoTime(), Outcome.SUCCEEDED, "");
    return value;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Every task that started, in order of start. */
  public synchronized List<Span> spans() {
    return new ArrayList<>(spans.values());
  }

  public synchronized Optional<Span> span(String task) {
    return Optional.ofNullable(spans.get(task));
  }

  /** Nanoseconds from the origin to the last end, or 0 if nothing ended. */
  public synchronized long lastEnd() {
    return spans.values().stream().mapToLong(Span::end).max().orElse(0);
  }

  private synchronized void started(String task, long nanoTime) {
    spans.put(task, new Span(task, nanoTime - origin, -1, null, ""));
  }

  private synchronized void ended(String task, long nanoTime, Outcome outcome, String detail) {
    long at = nanoTime - origin;
    Span started = spans.get(task);
    long start = started != null ? started.start() : at;
    spans.put(task, new Span(task, start, at, outcome, detail));
  }

  private static String message(Throwable error) {
    if (error == null) {
      return "";
    }
    return error.getMessage() != null ? error.getMessage() : error.toString();
  }
}
