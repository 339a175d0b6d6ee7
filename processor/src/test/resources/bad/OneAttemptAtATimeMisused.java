package test;

import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;

class OneAttemptAtATimeMisused {
  @Task(timeout = "1s", retries = 1, oneAttemptAtATime = true) String sync() { return "a"; }

  @Task(timeout = "1s", retries = 1, oneAttemptAtATime = true) void voidTask() {}

  @Task(retries = 1, oneAttemptAtATime = true) CompletableFuture<String> noTimeout() {
    return null;
  }

  @Task(timeout = "1s", oneAttemptAtATime = true) CompletableFuture<String> noRetries() {
    return null;
  }

  @Task(oneAttemptAtATime = true) CompletableFuture<String> neither() { return null; }

  @Task(timeout = "1s", retries = 1, oneAttemptAtATime = true) CompletableFuture<String> fine() {
    return null;
  }

  @Task(timeout = "1s", retries = 1, oneAttemptAtATime = false) String off() { return "b"; }
}
