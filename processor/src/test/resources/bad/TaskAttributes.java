package test;

import dev.taskwire.Task;

class TaskAttributes {
  @Task(timeout = "30 seconds") String unparseable() { return "a"; }

  @Task(timeout = "0s") String zero() { return "b"; }

  @Task(retries = -1) String negativeRetries() { return "c"; }

  @Task(retries = 2, backoff = "5s", maxBackoff = "1s") String backoffOrder() { return "d"; }

  @Task(timeout = "PT1M30S", retries = 1, backoff = "10ms", maxBackoff = "1h") String fine() {
    return "e";
  }
}
