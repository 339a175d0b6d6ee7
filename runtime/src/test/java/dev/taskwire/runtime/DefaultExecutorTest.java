package dev.taskwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.internal.PipelineRun;
import dev.taskwire.runtime.internal.TestPipeline;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DefaultExecutorTest {
  @Test
  void defaultThreadsNeverKeepTheJvmAlive() {
    PipelineRun run =
        new TestPipeline().value("where", r -> Thread.currentThread().isDaemon()).start();
    run.await();
    assertEquals(true, run.value(0));
  }

  @Test
  void manyTasksBlockingAtOnceDoNotStarveTheDefaultExecutor() {
    // 64 tasks that can only finish together: a bounded pool smaller than 64 would deadlock.
    int tasks = 64;
    CyclicBarrier allAtOnce = new CyclicBarrier(tasks);
    TestPipeline pipeline = new TestPipeline();
    for (int i = 0; i < tasks; i++) {
      pipeline.value("blocking" + i, r -> allAtOnce.await(20, TimeUnit.SECONDS));
    }
    pipeline.start().await();
  }

  @Test
  void usesVirtualThreadsWhereTheJvmHasThem() {
    PipelineRun run = new TestPipeline().value("thread", r -> Thread.currentThread()).start();
    run.await();
    Thread thread = run.value(0);
    assertNotNull(thread);
    boolean virtual = thread.toString().startsWith("VirtualThread");
    assertEquals(Runtime.version().feature() >= 21, virtual, thread.toString());
    // Named either way, so that logs and traces can tell the threads apart.
    assertTrue(
        thread.getName().startsWith(virtual ? "taskwire-virtual-" : "taskwire-"), thread.getName());
  }

  @Test
  void defaultOptionsAreShared() {
    assertTrue(RunOptions.defaults() == RunOptions.defaults());
    assertEquals(
        "RunOptions{executor=default, onFailure=FAIL_FAST}", RunOptions.defaults().toString());
  }
}
