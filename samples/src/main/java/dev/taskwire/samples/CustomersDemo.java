package dev.taskwire.samples;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.trace.TraceRecorder;
import dev.taskwire.samples.automl.client.ClientConfig;
import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Many customers at once: N independent pipelines, each with its own data sets, all started
 * together on the same small pools and with the same {@code RunOptions}. Reports the total time and
 * the peak number of live threads, to show that jobs waiting on the service hold no threads; and
 * how many trainings the service had open at once, to show that the shared limit {@code "automl"}
 * of those options kept all the pipelines together to the service's four per account (or to {@code
 * --limit N}), while the uploads all ran at once.
 */
final class CustomersDemo {
  static final int TRAIN_ROWS = 400;
  static final int FORECAST_ROWS = 40;

  private CustomersDemo() {}

  static int run(SampleArgs args, PrintStream out) throws IOException {
    return run(args, out, server -> {});
  }

  /**
   * @param beforeStart a test hook, given the service just before the pipelines start (to hold its
   *     trainings, say)
   */
  static int run(SampleArgs args, PrintStream out, Consumer<AutoMlServer> beforeStart)
      throws IOException {
    int customers = args.customers();
    HousingData data = HousingData.load();
    ServerConfig serverConfig = ServerConfig.defaults().scaleLatencies(args.latencyScale());
    // Slower polling: hundreds of jobs polled every 20 ms would only load the machine.
    ClientConfig clientConfig =
        ClientConfig.defaults()
            .withRequestTimeout(args.requestTimeout())
            .withPolling(Duration.ofMillis(50), Duration.ofMillis(400), 1.5);
    try (SampleServices services =
        SampleServices.start(serverConfig, clientConfig, args.pipelineThreads(), args.limit())) {
      out.println(
          "taskwire AutoML sample: " + customers + " customers, one pipeline each, all at once");
      out.println("  service:  embedded AutoML service at " + services.server().baseUri());
      out.println("            job latencies: " + serverConfig);
      out.println(
          "  data:     per customer "
              + TRAIN_ROWS
              + " training rows and "
              + FORECAST_ROWS
              + " forecast rows, a different slice of the shipped data set each");
      out.println("  threads:  " + services.threadsInWords());
      out.println(
          "  limit:    RunOptions.limit(\""
              + SampleServices.AUTOML_LIMIT
              + "\", "
              + args.limit()
              + "), shared by all "
              + customers
              + " runs: at most "
              + args.limit()
              + " trainings open at once (the service takes "
              + ServerConfig.TRAININGS_PER_ACCOUNT
              + " per account)");
      List<PipelineInput> inputs = new ArrayList<>(customers);
      for (int customer = 0; customer < customers; customer++) {
        inputs.add(data.customer(customer, TRAIN_ROWS, FORECAST_ROWS));
      }
      services.client().health().join();
      // One listener for every run: counts the trainings that had to wait for a permit.
      AtomicInteger waitedForLimit = new AtomicInteger();
      TaskListener limitWaits =
          new TaskListener() {
            @Override
            public void taskLimited(TaskEvent event, String limit) {
              waitedForLimit.incrementAndGet();
            }
          };
      beforeStart.accept(services.server());

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      int threadsBefore = threads.getThreadCount();
      threads.resetPeakThreadCount();
      long start = System.nanoTime();
      List<TraceRecorder> recorders = new ArrayList<>(customers);
      List<PipelineRunner.Execution> runs = new ArrayList<>(customers);
      for (PipelineInput input : inputs) {
        TraceRecorder recorder = new TraceRecorder();
        recorders.add(recorder);
        runs.add(
            new PipelineRunner(
                    new Pipeline(services.client(), input),
                    services.runOptions().listener(limitWaits).listener(recorder))
                .start());
      }
      out.println();
      out.println(
          "Started "
              + customers
              + " pipelines in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms; waiting for them (trainings of "
              + serverConfig.latency(JobKind.TRAINING).toMillis()
              + " ms, "
              + args.limit()
              + " at a time: at least "
              + String.format(
                  Locale.ROOT,
                  "%.1f s",
                  Math.ceil((double) customers / args.limit())
                      * serverConfig.latency(JobKind.TRAINING).toMillis()
                      / 1000.0)
              + ")...");
      Map<String, Integer> bestAlgorithms = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (int customer = 0; customer < customers; customer++) {
        try {
          String best = runs.get(customer).await().bestModel().algorithm();
          bestAlgorithms.merge(best, 1, Integer::sum);
        } catch (PipelineException failed) {
          failures.add("customer " + customer + ": " + failed.getMessage());
        }
      }
      long elapsed = System.nanoTime() - start;
      int peak = threads.getPeakThreadCount();
      String threadsByPool = LiveThreads.byPool();

      double[] seconds =
          recorders.stream()
              .mapToDouble(recorder -> recorder.trace().durationNanos() / 1e9)
              .sorted()
              .toArray();
      out.println();
      out.println(
          String.format(
              Locale.ROOT,
              "%d of %d pipelines succeeded in %.2f s in all" + " (%d remote jobs).",
              customers - failures.size(),
              customers,
              elapsed / 1e9,
              customers * 4));
      out.println(
          String.format(
              Locale.ROOT,
              "  one pipeline took %.2f s at the fastest, %.2f s at the median, %.2f s at the slowest",
              seconds[0],
              seconds[seconds.length / 2],
              seconds[seconds.length - 1]));
      out.println("  best model per customer: " + bestAlgorithms);
      out.println(
          "  the service had up to "
              + services.server().peakOpenJobs(JobKind.UPLOAD)
              + " uploads, "
              + services.server().peakOpenJobs(JobKind.TRAINING)
              + " trainings and "
              + services.server().peakOpenJobs(JobKind.PREDICTION)
              + " predictions open at once");
      out.println(
          "  "
              + waitedForLimit.get()
              + " of "
              + customers
              + " trainings waited for a permit of \""
              + SampleServices.AUTOML_LIMIT
              + "\", holding no thread while they waited");
      out.println(
          "  live threads in this JVM (sample, client and server together): "
              + threadsBefore
              + " before the pipelines started, at most "
              + peak
              + " while they ran");
      out.println("  live threads after the run, by pool: " + threadsByPool);
      if (ForkJoinPool.getCommonPoolParallelism() < 2) {
        out.println(
            "  (the peak includes short-lived threads that Java 17's HttpClient starts per"
                + " response where the common pool has parallelism 1, as on this machine)");
      }
      out.println(
          "  a thread per waiting job would have needed "
              + 2 * customers
              + " threads for the uploads alone.");
      failures.stream().limit(5).forEach(failure -> out.println("  " + failure));
      return failures.isEmpty() ? 0 : 1;
    }
  }
}
