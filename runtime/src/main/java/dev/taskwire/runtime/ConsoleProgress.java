package dev.taskwire.runtime;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A progress reporter: register it with {@link RunOptions#listener(TaskListener)}. On a terminal it
 * keeps one line up to date: a bar, tasks done of all, the tasks running now and the time since the
 * run started. Elsewhere (CI, a log file, a pipe) it prints one plain line per event instead, with
 * no control characters. Either way the run's end is reported on a line of its own, whether the run
 * succeeded, failed or was cancelled, so no half-drawn bar is left behind.
 *
 * <p>When a run makes no progress (no task starts, ends or is retried) for a minute, it prints what
 * each task is doing, as the run's snapshot ({@code Execution.toString()}) says: which
 * prerequisites a task waits for, which thread runs it and where, which future it waits for. It
 * repeats that every minute the run stays stuck. {@link #reportingStuckRunsAfter} changes the
 * minute. The watch runs on a daemon thread of its own, never on a thread of the run.
 *
 * <p>One instance follows one run at a time.
 */
public final class ConsoleProgress implements TaskListener {
  private static final int BAR_WIDTH = 20;
  private static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(1);

  private final PrintStream out;
  private final boolean terminal;

  /**
   * How long a run may make no progress before its snapshot is printed; 0 for never. Not private:
   * tests read the default, which no one waits a minute to see.
   */
  final long stuckAfterNanos;

  private Supplier<String> snapshot = () -> "";
  private long lastProgressNanos;
  private ScheduledFuture<?> watch;
  private final Set<String> running = new TreeSet<>();
  private long startNanos;
  private int total;
  private int ended;
  private int failed;
  private int cancelled;
  private int skipped;
  private int lastLineLength;

  private ConsoleProgress(PrintStream out, boolean terminal, Duration stuckAfter) {
    this.out = out;
    this.terminal = terminal;
    this.stuckAfterNanos = stuckAfter.toNanos();
  }

  /** Reports to standard error, redrawing one line only if it is a terminal. */
  public static ConsoleProgress toStandardError() {
    return to(System.err, isTerminal(System.console()));
  }

  /**
   * A copy that prints the run's snapshot once it has made no progress for {@code quiet}, and again
   * each further {@code quiet} that it stays stuck; {@link Duration#ZERO} never prints it.
   *
   * @throws IllegalArgumentException if {@code quiet} is negative
   */
  public ConsoleProgress reportingStuckRunsAfter(Duration quiet) {
    if (quiet.isNegative()) {
      throw new IllegalArgumentException("negative duration " + quiet);
    }
    return new ConsoleProgress(out, terminal, quiet);
  }

  /**
   * Whether the JVM runs on a terminal. Until Java 21, {@code System.console()} is null otherwise;
   * from Java 22 it is never null, and {@code Console.isTerminal()} (Java 22+) tells.
   */
  static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException beforeJava22) {
      return true;
    }
  }

  /** Reports to {@code out}; {@code terminal} chooses the redrawn line over one line per event. */
  public static ConsoleProgress to(PrintStream out, boolean terminal) {
    return new ConsoleProgress(out, terminal, DEFAULT_STUCK_AFTER);
  }

  @Override
  public synchronized void runStarted(RunEvent event) {
    startNanos = event.nanoTime();
    lastProgressNanos = startNanos;
    snapshot = event.snapshot();
    stopWatching();
    if (stuckAfterNanos > 0) {
      long period = Math.max(stuckAfterNanos / 4, TimeUnit.MILLISECONDS.toNanos(10));
      watch =
          StuckRunWatch.EXECUTOR.scheduleWithFixedDelay(
              this::reportIfStuck, period, period, TimeUnit.NANOSECONDS);
    }
    total = event.tasks();
    ended = 0;
    failed = 0;
    cancelled = 0;
    skipped = 0;
    running.clear();
    lastLineLength = 0;
    if (!terminal) {
      out.println("run of " + event.pipeline() + ": " + total + " tasks");
    }
  }

  @Override
  public synchronized void taskStarted(TaskEvent event) {
    running.add(event.task());
    report(event, event.attempt() > 1 ? "started (attempt " + event.attempt() + ")" : "started");
  }

  @Override
  public synchronized void taskSucceeded(TaskEvent event) {
    ended(event, "succeeded");
  }

  @Override
  public synchronized void taskFailed(TaskEvent event) {
    if (!event.isElement()) {
      failed++;
    }
    ended(event, "FAILED: " + event.error());
  }

  @Override
  public synchronized void taskCancelled(TaskEvent event) {
    if (!event.isElement()) {
      cancelled++;
    }
    ended(event, "cancelled");
  }

  @Override
  public synchronized void taskSkipped(TaskEvent event) {
    if (!event.isElement()) {
      skipped++;
    }
    ended(event, "skipped");
  }

  @Override
  public synchronized void taskRetried(TaskEvent event) {
    running.remove(event.task());
    report(event, "will retry after: " + event.error());
  }

  @Override
  public synchronized void runFinished(RunEvent event) {
    stopWatching();
    String outcome =
        event.failure() == null
            ? "succeeded"
            : event.failure() instanceof PipelineException failure
                ? "FAILED at task " + failure.failedTask()
                : "cancelled";
    String summary =
        "run of "
            + event.pipeline()
            + " "
            + outcome
            + ": "
            + ended
            + "/"
            + total
            + " tasks"
            + (failed + cancelled + skipped == 0 ? "" : " (" + breakdown() + ")")
            + " in "
            + seconds(event.nanoTime());
    if (terminal) {
      redraw(summary);
      out.println();
    } else {
      out.println(summary);
    }
    out.flush();
  }

  /** "2 succeeded, 1 failed, 3 skipped": what the ended tasks came to, when not all succeeded. */
  private String breakdown() {
    StringBuilder text =
        new StringBuilder().append(ended - failed - cancelled - skipped).append(" succeeded");
    if (failed > 0) {
      text.append(", ").append(failed).append(" failed");
    }
    if (cancelled > 0) {
      text.append(", ").append(cancelled).append(" cancelled");
    }
    if (skipped > 0) {
      text.append(", ").append(skipped).append(" skipped");
    }
    return text.toString();
  }

  private void ended(TaskEvent event, String what) {
    running.remove(event.task());
    if (!event.isElement()) {
      ended++;
    }
    report(event, what);
  }

  private void report(TaskEvent event, String what) {
    lastProgressNanos = Math.max(lastProgressNanos, event.nanoTime());
    if (terminal) {
      int filled = total == 0 ? BAR_WIDTH : BAR_WIDTH * ended / total;
      redraw(
          "["
              + "#".repeat(filled)
              + "-".repeat(BAR_WIDTH - filled)
              + "] "
              + ended
              + "/"
              + total
              + "  "
              + seconds(event.nanoTime())
              + (running.isEmpty() ? "" : "  running: " + String.join(", ", running)));
    } else {
      out.println(
          String.format(
              Locale.ROOT, "%9s  %-20s %s", seconds(event.nanoTime()), event.task(), what));
    }
  }

  /** On the watch's thread: prints the snapshot if the run made no progress for long enough. */
  private synchronized void reportIfStuck() {
    long now = System.nanoTime();
    if (watch == null || now - lastProgressNanos < stuckAfterNanos) {
      return;
    }
    if (terminal) {
      out.println(); // leave the bar's line as it is
      lastLineLength = 0;
    }
    out.println(
        "no progress for "
            + String.format(Locale.ROOT, "%.3f s", (now - lastProgressNanos) / 1e9)
            + "; "
            + snapshot.get());
    out.flush();
    lastProgressNanos = now; // again after another quiet period, if still stuck
  }

  private void stopWatching() {
    if (watch != null) {
      watch.cancel(false);
      watch = null;
    }
  }

  /** The daemon thread that watches for stuck runs, started by the first watch. */
  private static final class StuckRunWatch {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "taskwire-progress-watch");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }

  /** Rewrites the current line: back to its start, the text, then blanks over what was longer. */
  private void redraw(String line) {
    out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
    lastLineLength = line.length();
    out.flush();
  }

  private String seconds(long nanoTime) {
    return String.format(Locale.ROOT, "%.3f s", (nanoTime - startNanos) / 1e9);
  }
}
