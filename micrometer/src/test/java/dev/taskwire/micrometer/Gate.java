package dev.taskwire.micrometer;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CountDownLatch;

/** A task that waits at a gate nobody opens, between a source and a task after it. */
class Gate {
  final CountDownLatch waiting = new CountDownLatch(1);
  private final CountDownLatch gate = new CountDownLatch(1);

  @Task
  String source() {
    return "source";
  }

  @Task
  String gated(@DependsOn("source") String source) throws InterruptedException {
    waiting.countDown();
    gate.await(); // until the run's cancellation interrupts it
    return source + " passed";
  }

  @Task
  String after(@DependsOn("gated") String gated) {
    return gated + " and after";
  }
}
