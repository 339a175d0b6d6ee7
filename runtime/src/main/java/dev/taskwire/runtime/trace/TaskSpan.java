package dev.taskwire.runtime.trace;

import dev.taskwire.runtime.store.StoreDecision;
import java.util.List;
import java.util.Objects;

/**
 * What one task did in a recorded run: how it ended and each attempt it made. Times are nanoseconds
 * since the run started. Part of a {@link Trace}.
 *
 * @param task the task's name
 * @param ending how the task ended
 * @param attempts every attempt in order, the last one final; empty if the task never started (it
 *     was skipped, cancelled before it started, or its executor refused it)
 * @param store in a run with a result store, whether the task's stored result was used and why or
 *     why not; null if the run had no store or did not look the task up
 * @param limitWaitNanos how long the task's attempts waited, in all, for a permit of its shared
 *     limit ({@code @Task(limit = ...)}) while every permit was in use; 0 if they never waited
 */
public record TaskSpan(
    String task, Ending ending, List<Attempt> attempts, StoreDecision store, long limitWaitNanos) {
  /** How a task ended. */
  public enum Ending {
    SUCCEEDED,
    FAILED,
    /** Stopped by the run's cancellation or fail-fast stop. */
    CANCELLED,
    /** Never started: a prerequisite failed, or the run stopped first. */
    SKIPPED,
    /** Not run: a what-if run was given its value. */
    SUPPLIED;

    /** The ending in lower case, as reports print it. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One call of the task (for an async task: from the call until its future completed).
   *
   * @param number 1 for the first attempt
   * @param startNanos when the call began, since the run started
   * @param endNanos when the attempt ended, since the run started
   * @param thread the name of the thread that called the task's method
   * @param failure the attempt's failure as {@link Throwable#toString()}, or null if it succeeded
   */
  public record Attempt(int number, long startNanos, long endNanos, String thread, String failure) {
    public Attempt {
      Objects.requireNonNull(thread, "thread");
      if (endNanos < startNanos) {
        throw new IllegalArgumentException(
            "attempt " + number + " ends (" + endNanos + ") before it starts (" + startNanos + ")");
      }
    }

    /** How long the attempt took. */
    public long durationNanos() {
      return endNanos - startNanos;
    }
  }

  /** A span of a run without a result store, that never waited for a limit. */
  public TaskSpan(String task, Ending ending, List<Attempt> attempts) {
    this(task, ending, attempts, null, 0);
  }

  public TaskSpan {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(ending, "ending");
    attempts = List.copyOf(attempts);
    if (ending == Ending.SKIPPED && !attempts.isEmpty()) {
      throw new IllegalArgumentException("skipped task '" + task + "' has attempts");
    }
    if (ending == Ending.SUCCEEDED && attempts.isEmpty()) {
      throw new IllegalArgumentException("succeeded task '" + task + "' has no attempt");
    }
  }

  /** Whether the task's method was called at all. */
  public boolean ran() {
    return !attempts.isEmpty();
  }

  /** When the first attempt started; only for a task that {@link #ran()}. */
  public long startNanos() {
    return first().startNanos();
  }

  /** When the last attempt ended; only for a task that {@link #ran()}. */
  public long endNanos() {
    return last().endNanos();
  }

  /** From the first attempt's start to the last one's end, retry waits included. */
  public long durationNanos() {
    return endNanos() - startNanos();
  }

  /** The thread that called the task's method the last time; only if it {@link #ran()}. */
  public String thread() {
    return last().thread();
  }

  /** How often the task was retried: attempts beyond the first. */
  public int retries() {
    return Math.max(0, attempts.size() - 1);
  }

  private Attempt first() {
    requireRan();
    return attempts.get(0);
  }

  private Attempt last() {
    requireRan();
    return attempts.get(attempts.size() - 1);
  }

  private void requireRan() {
    if (attempts.isEmpty()) {
      throw new IllegalStateException("task '" + task + "' never started (" + ending.word() + ")");
    }
  }
}
