package dev.taskwire.opentelemetry;

import dev.taskwire.Task;
import java.util.concurrent.CountDownLatch;

/** A task that waits until the run is cancelled. */
class WaitingPipeline {
  final CountDownLatch started = new CountDownLatch(1);

  @Task
  String waiting() throws InterruptedException {
    started.countDown();
    new CountDownLatch(1).await();
    return "never";
  }
}
