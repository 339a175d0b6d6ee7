package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Timeouts and retries declared on @Task, checked at compile time and honoured at run time. */
public class ResilientPipeline {
  final AtomicInteger flakyCalls = new AtomicInteger();

  /** Fails twice with an IOException, then succeeds: two retries are just enough. */
  @Task(retries = 2, backoff = "1ms", maxBackoff = "2ms", retryOn = IOException.class)
  String flaky() throws IOException {
    int call = flakyCalls.incrementAndGet();
    if (call < 3) {
      throw new IOException("attempt " + call + " refused");
    }
    return "data";
  }

  /** Never finishes by itself: its timeout interrupts it. */
  @Task(timeout = "50ms")
  String stuck() throws InterruptedException {
    new CountDownLatch(1).await();
    return "never";
  }

  @Task
  String independent() {
    return "ok";
  }

  @Task
  String afterStuck(@DependsOn("stuck") String stuck) {
    return stuck;
  }
}
