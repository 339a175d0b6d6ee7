package dev.taskwire.it;

import dev.taskwire.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two independent tasks that each wait until the other has started, so that the run finishes only
 * if they run at the same time; each returns the name of the thread it ran on.
 */
public class Rendezvous {
  private final CountDownLatch bothStarted = new CountDownLatch(2);

  @Task
  String left() throws InterruptedException {
    return meet();
  }

  @Task
  String right() throws InterruptedException {
    return meet();
  }

  private String meet() throws InterruptedException {
    bothStarted.countDown();
    if (!bothStarted.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the other task never started");
    }
    return Thread.currentThread().getName();
  }
}
