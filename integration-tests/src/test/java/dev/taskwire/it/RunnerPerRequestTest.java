package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskwire.runtime.RunOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A runner per request, as a service builds one: runners of the same options share what does not
 * depend on the pipeline object, so building one costs the runner object and nothing else, and each
 * run still calls its own runner's pipeline.
 */
class RunnerPerRequestTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final RunOptions options = RunOptions.defaults().executor(pool);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @RepeatedTest(5)
  void concurrentRunsOfRunnersWithTheSameOptionsEachCallTheirOwnPipeline() {
    List<InstanceAndStaticTasksRunner.Execution> executions = new ArrayList<>();
    for (int request = 0; request < 200; request++) {
      executions.add(
          new InstanceAndStaticTasksRunner(new InstanceAndStaticTasks("hello " + request), options)
              .start());
    }
    for (int request = 0; request < 200; request++) {
      assertEquals("hello " + request + ", world", executions.get(request).await().greet());
    }
  }

  /** Bytes allocated on this thread, as the JVM counts them (exact, not sampled). */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void buildingARunnerAllocatesOnlyTheRunner() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
            && bean.isThreadAllocatedMemorySupported()
            && bean.isThreadAllocatedMemoryEnabled());
    InstanceAndStaticTasks pipeline = new InstanceAndStaticTasks("hi");
    InstanceAndStaticTasksRunner[] built = new InstanceAndStaticTasksRunner[10_000];
    for (int warmUp = 0; warmUp < 5; warmUp++) {
      for (int i = 0; i < built.length; i++) {
        built[i] = new InstanceAndStaticTasksRunner(pipeline, options);
      }
    }
    long before = allocatedBytes();
    for (int i = 0; i < built.length; i++) {
      built[i] = new InstanceAndStaticTasksRunner(pipeline, options); // kept: it must not vanish
    }
    long perRunner = (allocatedBytes() - before) / built.length;
    // A runner is a header and two references: 16 to 24 bytes. A template per runner was hundreds.
    assertTrue(perRunner <= 32, perRunner + " bytes per runner");
    assertEquals("hi, world", built[built.length - 1].run().greet());
  }
}
