package dev.taskwire.processor;

import java.time.Duration;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A task's {@code @Task(timeout, retries, backoff, maxBackoff, retryOn)}, checked.
 *
 * @param timeout null for none
 * @param retryOn empty for the default (every exception)
 */
record TaskSettings(
    Duration timeout,
    int retries,
    Duration backoff,
    Duration maxBackoff,
    List<TypeMirror> retryOn,
    int maxConcurrency) {
  static final Duration DEFAULT_BACKOFF = Duration.ofMillis(100);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  static final TaskSettings NONE =
      new TaskSettings(null, 0, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF, List.of(), 0);

  boolean isNone() {
    return timeout == null && retries == 0;
  }

  boolean hasDefaultBackoff() {
    return backoff.equals(DEFAULT_BACKOFF) && maxBackoff.equals(DEFAULT_MAX_BACKOFF);
  }
}
