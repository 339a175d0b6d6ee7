package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task that waits at a gate the test opens, so that the test controls when the run can finish,
 * and a task after it that records whether it ran.
 */
public class Gated {
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch gate = new CountDownLatch(1);
  final AtomicBoolean afterRan = new AtomicBoolean();

  @Task
  static String source() {
    return "source";
  }

  @Task
  String gated(@DependsOn("source") String source) throws InterruptedException {
    started.countDown();
    gate.await();
    return source + " passed the gate";
  }

  @Task
  int after(@DependsOn("gated") String gated) {
    afterRan.set(true);
    return gated.length();
  }
}
