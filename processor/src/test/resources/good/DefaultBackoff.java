package test;

import dev.taskwire.Task;

/** Retried tasks that keep @Task's default backoff, spell it otherwise, or change half of it. */
class DefaultBackoff {
  @Task(retries = 2) String kept() {
    return "a";
  }

  @Task(retries = 2, backoff = "PT0.1S", maxBackoff = "30000ms") String spelledOtherwise() {
    return "b";
  }

  @Task(retries = 2, maxBackoff = "1m") String longerMax() {
    return "c";
  }
}
