package dev.taskwire.context;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kind of task, each writing a log line: a sync source, an async task whose future the test
 * completes on a thread of its own, its dependent, a task whose first attempt fails, and a fan-out.
 * Each also records what a plain {@code ThreadLocal} of the application ({@link #TENANT}) held.
 */
class LoggingPipeline {
  static final Logger LOG = LoggerFactory.getLogger(LoggingPipeline.class);
  static final ThreadLocal<String> TENANT = new ThreadLocal<>();

  final CompletableFuture<String> reply = new CompletableFuture<>();
  final CountDownLatch uploadCalled = new CountDownLatch(1);
  final Map<String, String> tenants = new ConcurrentHashMap<>();
  private final AtomicInteger flakyAttempts = new AtomicInteger();

  private void log(String what) {
    LOG.info(what);
    tenants.put(what, String.valueOf(TENANT.get()));
  }

  @Task
  String load() {
    log("load");
    return "rows";
  }

  @Task
  CompletableFuture<String> upload(@DependsOn("load") String rows) {
    log("upload");
    uploadCalled.countDown();
    return reply;
  }

  @Task
  String train(@DependsOn("upload") String dataset) {
    log("train");
    return "model of " + dataset;
  }

  @Task(retries = 1, backoff = "1ms", maxBackoff = "1ms")
  String flaky() {
    if (flakyAttempts.incrementAndGet() == 1) {
      log("flaky attempt 1");
      throw new IllegalStateException("the first attempt fails");
    }
    log("flaky attempt 2");
    return "ok";
  }

  @Task
  List<Integer> grid() {
    return List.of(1, 2, 3);
  }

  @Task
  String score(@ForEach("grid") Integer parameter) {
    log("score[" + parameter + "]");
    return "score of " + parameter;
  }
}
