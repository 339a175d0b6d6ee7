package dev.taskwire.samples.automl.client;

import java.time.Duration;

/**
 * How the client talks to the service: its request timeout, how it polls jobs (first delay, then
 * growing by {@code backoff} up to {@code maxPollDelay}), and how many threads its HTTP client
 * gets. Immutable record; the {@code with...} methods return changed copies.
 */
public record ClientConfig(
    Duration requestTimeout,
    Duration firstPollDelay,
    Duration maxPollDelay,
    double backoff,
    int httpThreads) {

  public ClientConfig {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
    }
    if (firstPollDelay.isNegative() || maxPollDelay.compareTo(firstPollDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= first poll delay <= max poll delay: " + firstPollDelay + ", " + maxPollDelay);
    }
    if (!(backoff >= 1)) {
      throw new IllegalArgumentException("backoff must be at least 1: " + backoff);
    }
    if (httpThreads < 1) {
      throw new IllegalArgumentException("need at least one HTTP thread: " + httpThreads);
    }
  }

  /** 5 s request timeout; polls after 20 ms, then 1.5 times later each time up to 200 ms. */
  public static ClientConfig defaults() {
    return new ClientConfig(
        Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(200), 1.5, 2);
  }

  public ClientConfig withRequestTimeout(Duration timeout) {
    return new ClientConfig(timeout, firstPollDelay, maxPollDelay, backoff, httpThreads);
  }

  public ClientConfig withPolling(Duration first, Duration max, double factor) {
    return new ClientConfig(requestTimeout, first, max, factor, httpThreads);
  }

  public ClientConfig withHttpThreads(int threads) {
    return new ClientConfig(requestTimeout, firstPollDelay, maxPollDelay, backoff, threads);
  }
}
