package dev.taskwire.samples;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.SharedLimit;
import dev.taskwire.samples.automl.DaemonPools;
import dev.taskwire.samples.automl.client.AutoMlClient;
import dev.taskwire.samples.automl.client.ClientConfig;
import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Everything a run of the sample needs, started together and closed together: the embedded service,
 * a client for it, the small fixed pool the pipelines run on, and the one {@link RunOptions} every
 * run shares, with the shared limit on trainings. Closing it ends every thread it started and the
 * server's port.
 */
final class SampleServices implements AutoCloseable {
  /**
   * The shared limit that the pipelines' {@code train} tasks name, {@code @Task(limit = "automl")}:
   * how many trainings of the sample's account are open on the service at once, across every run.
   */
  static final String AUTOML_LIMIT = "automl";

  private final AutoMlServer server;
  private final AutoMlClient client;
  private final ExecutorService pipelinePool;
  private final int pipelineThreads;
  private final ClientConfig clientConfig;
  private final RunOptions runOptions;

  private SampleServices(
      AutoMlServer server,
      AutoMlClient client,
      ExecutorService pipelinePool,
      int pipelineThreads,
      ClientConfig clientConfig,
      int trainingsAtOnce) {
    this.server = server;
    this.client = client;
    this.pipelinePool = pipelinePool;
    this.pipelineThreads = pipelineThreads;
    this.clientConfig = clientConfig;
    // Made once: its copies (runOptions().listener(...)) share the limit, so it bounds every run.
    this.runOptions =
        RunOptions.defaults().executor(pipelinePool).limit(AUTOML_LIMIT, trainingsAtOnce);
  }

  /** With the service's own bound on trainings, {@link ServerConfig#TRAININGS_PER_ACCOUNT}. */
  static SampleServices start(
      ServerConfig serverConfig, ClientConfig clientConfig, int pipelineThreads)
      throws IOException {
    return start(serverConfig, clientConfig, pipelineThreads, ServerConfig.TRAININGS_PER_ACCOUNT);
  }

  /**
   * @param trainingsAtOnce the permits of the shared limit {@link #AUTOML_LIMIT}: how many
   *     trainings all the runs of these services together may have open on the service at once
   */
  static SampleServices start(
      ServerConfig serverConfig,
      ClientConfig clientConfig,
      int pipelineThreads,
      int trainingsAtOnce)
      throws IOException {
    AutoMlServer server = AutoMlServer.start(serverConfig);
    AutoMlClient client = new AutoMlClient(server.baseUri(), clientConfig);
    ExecutorService pool = DaemonPools.fixed("taskwire-sample-pipeline", pipelineThreads);
    return new SampleServices(server, client, pool, pipelineThreads, clientConfig, trainingsAtOnce);
  }

  /**
   * The service as the flags set it up (with {@code --store}, keeping its data in the store's
   * directory), and a client that polls often (after 20 ms, backing off to 100 ms), so that a
   * task's end shows within 0.1 s: for a run one watches as it goes.
   */
  static SampleServices forOneRun(SampleArgs args) throws IOException {
    ServerConfig server =
        ServerConfig.defaults().scaleLatencies(args.latencyScale()).faults(args.faults());
    if (args.store() != null) {
      server = server.keepDataIn(TuningDemo.serviceData(args.store()));
    }
    ClientConfig client =
        ClientConfig.defaults()
            .withRequestTimeout(args.requestTimeout())
            .withPolling(Duration.ofMillis(20), Duration.ofMillis(100), 1.5);
    return start(server, client, args.pipelineThreads(), args.limit());
  }

  AutoMlServer server() {
    return server;
  }

  AutoMlClient client() {
    return client;
  }

  /**
   * The options every run of the sample starts from: sync tasks, and the calls that start async
   * ones, run on the small fixed pool, and the {@code train} tasks of all runs share the limit
   * {@link #AUTOML_LIMIT}. Always the same object, so that copies made from it share that limit.
   */
  RunOptions runOptions() {
    return runOptions;
  }

  /** The shared limit on trainings: its permits, and how many are in use or waited for now. */
  SharedLimit trainingLimit() {
    return runOptions.limits().get(AUTOML_LIMIT);
  }

  String threadsInWords() {
    return pipelineThreads
        + " pipeline threads, "
        + clientConfig.httpThreads()
        + " HTTP client threads, 1 poll timer; the server: "
        + server.config().httpThreads()
        + " request threads, "
        + server.config().workerThreads()
        + " workers, 1 timer";
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      try {
        server.close();
      } finally {
        DaemonPools.shutdown(pipelinePool);
      }
    }
  }
}
