package dev.taskwire.micrometer;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.atomic.AtomicInteger;

/** A source that fails on both of its attempts, and two tasks after it, which never run. */
class Flaky {
  final AtomicInteger attempts = new AtomicInteger();

  @Task(retries = 1, backoff = "1ms", maxBackoff = "1ms")
  String fetch() {
    throw new IllegalStateException("attempt " + attempts.incrementAndGet() + " found it down");
  }

  @Task
  String parse(@DependsOn("fetch") String page) {
    return "parsed " + page;
  }

  @Task
  String store(@DependsOn("parse") String parsed) {
    return "stored " + parsed;
  }
}
