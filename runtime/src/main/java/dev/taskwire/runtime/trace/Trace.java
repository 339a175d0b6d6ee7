package dev.taskwire.runtime.trace;

import dev.taskwire.runtime.TaskGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A recorded run: its graph, how long it took, how it ended, and a {@link TaskSpan} for every task.
 * Record one with a {@link TraceRecorder}; then look at it in a browser ({@link #toHtml()}), in
 * Perfetto or {@code chrome://tracing} ({@link #toChromeJson()}), or ask which tasks the run waited
 * for ({@link #criticalPath()}). Immutable and thread-safe.
 *
 * <p>Times are nanoseconds since the run started ({@link System#nanoTime()} differences).
 */
public final class Trace {
  private final TaskGraph graph;
  private final long durationNanos;
  private final TaskSpan.Ending ending;

  /**
   * The spans. Final, so that every thread sees them, or what makes them, however the trace reached
   * it.
   */
  private final Spans spans;

  /**
   * A trace's spans: given ({@link #of}), or made from a {@link TraceRecorder}'s recording when
   * they are first read, so that a run whose trace nobody reads pays nothing for them.
   */
  private static final class Spans {
    private volatile List<TaskSpan> made;

    /** What makes the spans, until it has; guarded by this. */
    private Supplier<List<TaskSpan>> maker;

    Spans(List<TaskSpan> made, Supplier<List<TaskSpan>> maker) {
      this.made = made;
      this.maker = maker;
    }

    List<TaskSpan> get() {
      List<TaskSpan> spans = made;
      return spans != null ? spans : make();
    }

    private synchronized List<TaskSpan> make() {
      List<TaskSpan> spans = made;
      if (spans == null) {
        spans = List.copyOf(maker.get());
        made = spans;
        maker = null;
      }
      return spans;
    }
  }

  private Trace(TaskGraph graph, long durationNanos, TaskSpan.Ending ending, Spans spans) {
    this.graph = graph;
    this.durationNanos = durationNanos;
    this.ending = ending;
    this.spans = spans;
  }

  /**
   * A trace from its parts, for tools that build traces themselves (and for tests).
   *
   * @param graph the graph that ran
   * @param durationNanos from the run's start to its end
   * @param ending how the run ended: succeeded, failed or cancelled
   * @param tasks one span per task of {@code graph}, in the graph's order
   * @throws IllegalArgumentException if the spans do not match the graph's tasks, or the run ending
   *     is {@code SKIPPED}
   */
  public static Trace of(
      TaskGraph graph, long durationNanos, TaskSpan.Ending ending, List<TaskSpan> tasks) {
    Objects.requireNonNull(graph, "graph");
    if (ending == TaskSpan.Ending.SKIPPED || ending == TaskSpan.Ending.SUPPLIED) {
      throw new IllegalArgumentException(
          "a run succeeds, fails or is cancelled; it is not " + ending.word());
    }
    List<String> names = tasks.stream().map(TaskSpan::task).toList();
    if (!names.equals(graph.taskNames())) {
      throw new IllegalArgumentException(
          "the spans " + names + " do not match the tasks of the graph " + graph.taskNames());
    }
    if (durationNanos < 0) {
      throw new IllegalArgumentException("negative duration " + durationNanos);
    }
    return new Trace(
        graph,
        durationNanos,
        Objects.requireNonNull(ending, "ending"),
        new Spans(List.copyOf(tasks), null));
  }

  /**
   * A recorded trace whose spans {@code spans} makes, once, when they are first read: one span per
   * task of {@code graph}, in its order (the recorder makes them so; {@link #of} checks them).
   */
  static Trace madeWhenRead(
      TaskGraph graph, long durationNanos, TaskSpan.Ending ending, Supplier<List<TaskSpan>> spans) {
    return new Trace(graph, durationNanos, ending, new Spans(null, spans));
  }

  /** The graph that ran, with its edges. */
  public TaskGraph graph() {
    return graph;
  }

  /** The pipeline class's name. */
  public String pipeline() {
    return graph.pipeline();
  }

  /** From the run's start to its end: the last task's end plus the run's own settling. */
  public long durationNanos() {
    return durationNanos;
  }

  /** How the run ended: {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}. */
  public TaskSpan.Ending ending() {
    return ending;
  }

  /** One span per task, in the graph's order. */
  public List<TaskSpan> tasks() {
    return spans.get();
  }

  /** The span of the task called {@code name}. */
  public TaskSpan task(String name) {
    int index = graph.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no task named '" + name + "' in " + pipeline());
    }
    return tasks().get(index);
  }

  /** The chain of tasks that decided when the run ended, and every task's slack. */
  public CriticalPath criticalPath() {
    return CriticalPath.of(this);
  }

  /**
   * The trace in the Chrome Trace Event format, for <a href="https://ui.perfetto.dev">Perfetto</a>
   * or {@code chrome://tracing}: one row per task, one slice per attempt, arrows along the
   * dependencies.
   */
  public String toChromeJson() {
    return ChromeTrace.write(this);
  }

  /** Writes {@link #toChromeJson()} to {@code file} in UTF-8, replacing it. */
  public void writeChromeJson(Path file) throws IOException {
    write(file, toChromeJson());
  }

  /**
   * The run as one self-contained HTML page (no scripts, nothing fetched): a Gantt chart with one
   * row per task, bars coloured by outcome, the critical path outlined, and the details of each bar
   * on hover.
   */
  public String toHtml() {
    return HtmlTimeline.write(this);
  }

  /** Writes {@link #toHtml()} to {@code file} in UTF-8, replacing it. */
  public void writeHtml(Path file) throws IOException {
    write(file, toHtml());
  }

  /** Creates missing parent directories, so {@code target/trace.json} works on a clean tree. */
  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Trace{"
        + pipeline()
        + ", "
        + ending.word()
        + " in "
        + Durations.readable(durationNanos)
        + ", "
        + graph.size()
        + " tasks}";
  }
}
