package dev.taskwire.runtime;

import dev.taskwire.runtime.serial.RejectedClassException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How long one attempt of a task may take and how often it is retried. Immutable; generated runners
 * build one from a task's {@code @Task(timeout = ..., retries = ...)} attributes.
 *
 * <p>A retry waits {@code backoff * 2^(n-1)} before attempt {@code n + 1}, capped at {@code
 * maxBackoff}, with jitter: the wait is drawn uniformly from its upper half. No thread waits
 * meanwhile. Only exceptions of the {@code retryOn} types are retried (by default every {@link
 * Exception}); an {@link Error}, a cancellation, an interruption or input refused by an allow-list
 * ({@link RejectedClassException}) never is, and nothing is retried once the run is stopping. A
 * task whose hand-off the executor refused is not retried either: it fails without an attempt.
 *
 * <p>An async attempt that times out has its future cancelled, which stops only work that watches
 * that future; with {@link #oneAttemptAtATime(boolean) oneAttemptAtATime(true)} the future is left
 * alone instead and the next attempt waits until it has completed.
 */
public final class TaskPolicy {
  private static final TaskPolicy NONE =
      new TaskPolicy(
          0,
          0,
          Duration.ofMillis(100).toNanos(),
          Duration.ofSeconds(30).toNanos(),
          List.of(Exception.class),
          false);

  private final long timeoutNanos;
  private final int retries;
  private final long backoffNanos;
  private final long maxBackoffNanos;
  private final List<Class<? extends Throwable>> retryOn;
  private final boolean oneAttemptAtATime;

  private TaskPolicy(
      long timeoutNanos,
      int retries,
      long backoffNanos,
      long maxBackoffNanos,
      List<Class<? extends Throwable>> retryOn,
      boolean oneAttemptAtATime) {
    this.timeoutNanos = timeoutNanos;
    this.retries = retries;
    this.backoffNanos = backoffNanos;
    this.maxBackoffNanos = maxBackoffNanos;
    this.retryOn = retryOn;
    this.oneAttemptAtATime = oneAttemptAtATime;
  }

  /** No timeout and no retries. */
  public static TaskPolicy none() {
    return NONE;
  }

  /** A copy where each attempt fails with a {@code TimeoutException} after {@code timeout}. */
  public TaskPolicy timeout(Duration timeout) {
    requirePositive(timeout, "timeout");
    return new TaskPolicy(
        timeout.toNanos(), retries, backoffNanos, maxBackoffNanos, retryOn, oneAttemptAtATime);
  }

  /** A copy that retries a failed attempt up to {@code retries} times. */
  public TaskPolicy retries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
    return new TaskPolicy(
        timeoutNanos, retries, backoffNanos, maxBackoffNanos, retryOn, oneAttemptAtATime);
  }

  /** A copy whose first retry waits about {@code initial}, doubling up to {@code max}. */
  public TaskPolicy backoff(Duration initial, Duration max) {
    requirePositive(initial, "backoff");
    requirePositive(max, "maxBackoff");
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("maxBackoff " + max + " is below backoff " + initial);
    }
    return new TaskPolicy(
        timeoutNanos, retries, initial.toNanos(), max.toNanos(), retryOn, oneAttemptAtATime);
  }

  /** A copy that retries only failures of these types (and their subtypes). */
  @SafeVarargs
  public final TaskPolicy retryOn(Class<? extends Throwable>... types) {
    List<Class<? extends Throwable>> checked = new java.util.ArrayList<>();
    for (Class<? extends Throwable> type : types) {
      if (Error.class.isAssignableFrom(Objects.requireNonNull(type, "type"))) {
        throw new IllegalArgumentException("an Error is never retried: " + type.getName());
      }
      checked.add(type);
    }
    return new TaskPolicy(
        timeoutNanos,
        retries,
        backoffNanos,
        maxBackoffNanos,
        List.copyOf(checked),
        oneAttemptAtATime);
  }

  /**
   * A copy that, with {@code true}, runs at most one attempt of an async task at a time: an attempt
   * that times out fails with its {@code TimeoutException} as usual, but its future is not
   * cancelled, and the next attempt starts only once that future has completed (however; its
   * outcome is disregarded) and the backoff has passed. A future that never completes then holds
   * the retry until the run stops (its deadline, {@code cancel()}, a failure under fail-fast),
   * which cancels the future and ends the task cancelled. The last attempt's future is cancelled
   * when it times out, as without this setting. Matters only with a timeout and retries, and only
   * for an async task: a sync attempt that times out is interrupted, and its retry starts only once
   * it has returned.
   */
  public TaskPolicy oneAttemptAtATime(boolean oneAttemptAtATime) {
    return new TaskPolicy(
        timeoutNanos, retries, backoffNanos, maxBackoffNanos, retryOn, oneAttemptAtATime);
  }

  /** The timeout of one attempt in nanoseconds, or 0 for none. */
  public long timeoutNanos() {
    return timeoutNanos;
  }

  /** How many times a failed attempt is retried; 0 for none. */
  public int retries() {
    return retries;
  }

  /**
   * The wait before the first retry, before jitter; it doubles for each further one. That of {@link
   * #none()} is the default of {@code @Task(backoff)}, which generated code relies on.
   */
  public Duration backoff() {
    return Duration.ofNanos(backoffNanos);
  }

  /**
   * The longest wait between two attempts, before jitter. That of {@link #none()} is the default of
   * {@code @Task(maxBackoff)}, which generated code relies on.
   */
  public Duration maxBackoff() {
    return Duration.ofNanos(maxBackoffNanos);
  }

  /**
   * The exception types a failed attempt is retried on (set with {@link #retryOn}). That of {@link
   * #none()} is the default of {@code @Task(retryOn)}, which generated code relies on.
   */
  public List<Class<? extends Throwable>> retriedExceptions() {
    return retryOn;
  }

  /**
   * Whether the next attempt waits until a timed-out attempt's future has completed, which is then
   * not cancelled (set with {@link #oneAttemptAtATime(boolean)}). That of {@link #none()} is the
   * default of {@code @Task(oneAttemptAtATime)}, which generated code relies on.
   */
  public boolean oneAttemptAtATime() {
    return oneAttemptAtATime;
  }

  /**
   * Whether this is {@link #none()} in effect: no timeout and no retries (so {@link
   * #oneAttemptAtATime()}, which only orders attempts, changes nothing).
   */
  public boolean isNone() {
    return timeoutNanos == 0 && retries == 0;
  }

  /**
   * Whether attempt {@code attempt} (1 for the first), failing with {@code error}, is retried: it
   * is not the last allowed, {@code error} is one of the types to retry on, and it is no {@link
   * Error}, cancellation or interruption, nor a {@link RejectedClassException} (input refused by
   * its allow-list, which the same input would be again).
   */
  public boolean retriesAfter(int attempt, Throwable error) {
    if (attempt > retries
        || error instanceof Error
        || error instanceof java.util.concurrent.CancellationException
        || error instanceof InterruptedException
        || error instanceof RejectedClassException) {
      return false;
    }
    return retryOn.stream().anyMatch(type -> type.isInstance(error));
  }

  /**
   * The wait before attempt {@code attempt + 1}, in nanoseconds: the backoff doubled for each
   * earlier retry, at most the maximum, and jittered at random into its upper half.
   */
  public long backoffNanos(int attempt) {
    long ceiling = backoffNanos;
    for (int i = 1; i < attempt && ceiling < maxBackoffNanos; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxBackoffNanos);
    return ceiling / 2
        + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2 + 1);
  }

  @Override
  public String toString() {
    return "TaskPolicy{timeout="
        + Duration.ofNanos(timeoutNanos)
        + ", retries="
        + retries
        + ", backoff="
        + Duration.ofNanos(backoffNanos)
        + ".."
        + Duration.ofNanos(maxBackoffNanos)
        + ", retryOn="
        + retryOn
        + (oneAttemptAtATime ? ", oneAttemptAtATime" : "")
        + "}";
  }

  private static void requirePositive(Duration duration, String name) {
    if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
