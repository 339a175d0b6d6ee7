package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.awaitUntil;
import static dev.taskwire.samples.TestSupport.fastClient;
import static dev.taskwire.samples.TestSupport.fastServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.JobKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Many pipelines in flight on a handful of threads: every pipeline's uploads are open on the server
 * at the same moment (held there until all have arrived), and the JVM's live thread count stays far
 * below one thread per waiting job.
 */
@Timeout(120)
class ManyPipelinesTest {
  private static final int PIPELINES = 120;
  private static final int PIPELINE_THREADS = 4;

  /**
   * Threads the run may add: our fixed pools (4 pipeline, 2 client HTTP, 1 poll timer, 4 server
   * request, 2 workers, 1 timer = 14) plus slack for JDK helpers; Java 17's HttpClient starts a
   * short-lived thread per response where the common pool has parallelism 1 (2 cores). One thread
   * per waiting upload would need 240.
   */
  private static final int MAX_NEW_THREADS = 40;

  @RepeatedTest(2)
  void everyPipelineWaitsAtOnceOnAFewThreads() throws Exception {
    HousingData data = HousingData.load();
    List<PipelineInput> inputs = new ArrayList<>();
    for (int customer = 0; customer < PIPELINES; customer++) {
      inputs.add(data.customer(customer, 100, 10));
    }
    // Slower polling than other tests: 240 held jobs polled every few ms would only load the CPU.
    var client = fastClient().withPolling(Duration.ofMillis(20), Duration.ofMillis(200), 1.5);
    try (SampleServices services = SampleServices.start(fastServer(), client, PIPELINE_THREADS)) {
      AutoMlServer server = services.server();
      services.client().health().join();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      int before = threads.getThreadCount();
      threads.resetPeakThreadCount();

      server.holdJobs(JobKind.UPLOAD);
      List<PipelineRunner.Execution> runs = new ArrayList<>();
      for (PipelineInput input : inputs) {
        runs.add(
            new PipelineRunner(new Pipeline(services.client(), input), services.runOptions())
                .start());
      }
      awaitUntil(
          "all " + 2 * PIPELINES + " uploads are open on the server",
          () -> server.openJobs(JobKind.UPLOAD) == 2 * PIPELINES);
      int peakWhileAllWaited = threads.getPeakThreadCount();
      server.releaseJobs(JobKind.UPLOAD);
      for (PipelineRunner.Execution run : runs) {
        assertEquals("linear_regression", run.await().bestModel().algorithm());
      }

      assertEquals(2 * PIPELINES, server.peakOpenJobs(JobKind.UPLOAD));
      assertTrue(
          peakWhileAllWaited - before <= MAX_NEW_THREADS,
          "with every upload waiting, live threads went from "
              + before
              + " to "
              + peakWhileAllWaited
              + ": "
              + LiveThreads.byPool());
      // Not bounded after the release: then 240 responses arrive at once, and Java 17's
      // HttpClient starts a short-lived thread per response where the common pool has
      // parallelism 1 (2 cores), which says nothing about the pipelines. Their own threads are
      // bounded below, and the waiting above.
      long pipelineThreads =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> thread.getName().startsWith("taskwire-sample-pipeline-"))
              .count();
      assertTrue(pipelineThreads <= PIPELINE_THREADS, pipelineThreads + " pipeline threads");
    }
  }
}
