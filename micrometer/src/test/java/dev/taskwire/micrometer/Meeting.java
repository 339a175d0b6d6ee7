package dev.taskwire.micrometer;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task that waits until the same task of another run has started too, so that two runs overlap,
 * and then succeeds or fails as told; and a task after it.
 */
class Meeting {
  private final CountDownLatch everyone;
  private final boolean fails;

  Meeting(CountDownLatch everyone, boolean fails) {
    this.everyone = everyone;
    this.fails = fails;
  }

  @Task
  String meet() throws InterruptedException, TimeoutException {
    everyone.countDown();
    if (!everyone.await(30, TimeUnit.SECONDS)) {
      throw new TimeoutException("the other run never came");
    }
    if (fails) {
      throw new IllegalStateException("this run's meeting fails");
    }
    return "met";
  }

  @Task
  String minutes(@DependsOn("meet") String met) {
    return "minutes: " + met;
  }
}
