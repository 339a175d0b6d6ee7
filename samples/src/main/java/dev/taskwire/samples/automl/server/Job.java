package dev.taskwire.samples.automl.server;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * One remote job and its state machine: pending until a worker picks it up, running until its
 * latency has passed and its work is done, then done (with a result) or failed (with an error) for
 * good. Thread-safe: the request threads, the workers and the timer all touch it.
 */
final class Job {
  private final String id;
  private final JobKind kind;
  private final String label;
  private final long latencyNanos;
  private final long createdNanos;
  private final Consumer<Job> onEnd;

  private JobState state = JobState.PENDING;
  private Object result;
  private String error;
  private double finalProgress;

  /**
   * @param label what the job works on, see {@link ServerEvent}
   * @param onEnd called once when the job is done or failed, under the job's lock: before anyone
   *     can see it ended, so that the server's count of open jobs and its log drop the job before a
   *     client polling it can learn that it ended and ask for the next
   */
  Job(
      String id,
      JobKind kind,
      String label,
      Duration latency,
      long createdNanos,
      Consumer<Job> onEnd) {
    this.id = id;
    this.kind = kind;
    this.label = label;
    this.latencyNanos = Math.max(1, latency.toNanos());
    this.createdNanos = createdNanos;
    this.onEnd = onEnd;
  }

  String id() {
    return id;
  }

  JobKind kind() {
    return kind;
  }

  String label() {
    return label;
  }

  /** Moves a pending job to running; false if it ended meanwhile (stopped), so skip the work. */
  synchronized boolean markRunning() {
    if (state != JobState.PENDING) {
      return false;
    }
    state = JobState.RUNNING;
    return true;
  }

  /** Ends the job with {@code value}; false if it had already ended. */
  synchronized boolean complete(Object value) {
    if (state.isFinal()) {
      return false;
    }
    state = JobState.DONE;
    result = value;
    finalProgress = 1;
    onEnd.accept(this);
    return true;
  }

  /** Ends the job with {@code message}; false if it had already ended. */
  synchronized boolean fail(String message) {
    if (state.isFinal()) {
      return false;
    }
    finalProgress = progressAt(System.nanoTime());
    state = JobState.FAILED;
    error = message;
    onEnd.accept(this);
    return true;
  }

  /** A consistent copy of the job's state for a response. */
  synchronized Snapshot snapshot(long nowNanos) {
    double progress = state.isFinal() ? finalProgress : progressAt(nowNanos);
    return new Snapshot(id, kind, label, state, progress, result, error);
  }

  /**
   * Elapsed time over latency while running, capped below 1: only a finished job reports 1, even if
   * it is held past its latency.
   */
  private double progressAt(long nowNanos) {
    if (state == JobState.PENDING) {
      return 0;
    }
    double fraction = (double) (nowNanos - createdNanos) / latencyNanos;
    return Math.max(0, Math.min(0.99, fraction));
  }

  /** What a response says about a job: {@code result} once done, {@code error} once failed. */
  record Snapshot(
      String id,
      JobKind kind,
      String label,
      JobState state,
      double progress,
      Object result,
      String error) {}
}
