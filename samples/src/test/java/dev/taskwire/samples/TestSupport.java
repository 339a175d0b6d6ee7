package dev.taskwire.samples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.taskwire.samples.automl.client.ClientConfig;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Settings and checks shared by the samples' tests. Never asserts on wall-clock durations. */
public final class TestSupport {
  /** Name prefixes of every thread the sample, its client and its server start. */
  public static final List<String> OWN_THREAD_PREFIXES =
      List.of("taskwire-sample-", "automl-server-", "automl-client-", "HTTP-Dispatcher");

  /** How long a test waits for what it expects before it fails; never a duration check. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private TestSupport() {}

  /** A service with latencies of a few milliseconds, so tests stay fast. */
  public static ServerConfig fastServer() {
    return ServerConfig.defaults()
        .latency(JobKind.UPLOAD, Duration.ofMillis(15))
        .latency(JobKind.TRAINING, Duration.ofMillis(15))
        .latency(JobKind.PREDICTION, Duration.ofMillis(10));
  }

  /** A client that polls every few milliseconds and times out late. */
  public static ClientConfig fastClient() {
    return ClientConfig.defaults()
        .withRequestTimeout(Duration.ofSeconds(10))
        .withPolling(Duration.ofMillis(2), Duration.ofMillis(20), 1.5);
  }

  /** The live threads started by the sample, its client or its server. */
  public static List<String> ownThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> OWN_THREAD_PREFIXES.stream().anyMatch(name::startsWith))
        .sorted()
        .toList();
  }

  /**
   * Fails unless every thread the sample, its client or its server started has ended. A closed
   * pool's threads finish their last lines just after the pool reports termination, so this waits
   * for them, within the usual patience.
   */
  public static void assertOwnThreadsEnd() {
    awaitUntil(
        "every thread of ours has ended (still alive: " + ownThreads() + ")",
        () -> ownThreads().isEmpty());
  }

  /** Waits until {@code condition} holds; fails, saying {@code what}, if it never does. */
  public static void awaitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting until " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting until " + what);
      }
    }
  }

  /** Fails unless connecting to {@code port} on the loopback address is refused. */
  public static void assertPortClosed(int port) {
    assertThrows(
        IOException.class,
        () -> {
          try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getInputStream(); // connected: the server is still listening
          }
        },
        "the server's port " + port + " still accepts connections");
  }
}
