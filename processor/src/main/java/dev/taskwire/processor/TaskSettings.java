package dev.taskwire.processor;

import java.time.Duration;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A task's {@code @Task(timeout, retries, backoff, maxBackoff, retryOn, maxConcurrency,
 * oneAttemptAtATime, limit)}, checked.
 *
 * @param timeout null for none
 * @param backoff null when both waits are {@code @Task}'s defaults, which the runtime's {@code
 *     TaskPolicy} has too, so that the runner leaves them out
 * @param retryOn empty for the default (every exception)
 * @param oneAttemptAtATime true only on an async task with a timeout and retries
 * @param limit the shared limit's name, or null for none
 */
record TaskSettings(
    Duration timeout,
    int retries,
    Backoff backoff,
    List<TypeMirror> retryOn,
    int maxConcurrency,
    boolean oneAttemptAtATime,
    String limit) {

  /** The wait before the first retry, which doubles for each further one up to {@code max}. */
  record Backoff(Duration initial, Duration max) {}

  boolean isNone() {
    return timeout == null && retries == 0;
  }
}
