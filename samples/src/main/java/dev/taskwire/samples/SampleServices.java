package dev.taskwire.samples;

import dev.taskwire.runtime.RunOptions;
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
 * a client for it, and the small fixed pool the pipelines run on. Closing it ends every thread it
 * started and the server's port.
 */
final class SampleServices implements AutoCloseable {
  private final AutoMlServer server;
  private final AutoMlClient client;
  private final ExecutorService pipelinePool;
  private final int pipelineThreads;
  private final ClientConfig clientConfig;

  private SampleServices(
      AutoMlServer server,
      AutoMlClient client,
      ExecutorService pipelinePool,
      int pipelineThreads,
      ClientConfig clientConfig) {
    this.server = server;
    this.client = client;
    this.pipelinePool = pipelinePool;
    this.pipelineThreads = pipelineThreads;
    this.clientConfig = clientConfig;
  }

  static SampleServices start(
      ServerConfig serverConfig, ClientConfig clientConfig, int pipelineThreads)
      throws IOException {
    AutoMlServer server = AutoMlServer.start(serverConfig);
    AutoMlClient client = new AutoMlClient(server.baseUri(), clientConfig);
    ExecutorService pool = DaemonPools.fixed("taskwire-sample-pipeline", pipelineThreads);
    return new SampleServices(server, client, pool, pipelineThreads, clientConfig);
  }

  /**
   * The service as the flags set it up, and a client that polls often (after 20 ms, backing off to
   * 100 ms), so that a task's end shows within 0.1 s: for a run one watches as it goes.
   */
  static SampleServices forOneRun(SampleArgs args) throws IOException {
    ServerConfig server =
        ServerConfig.defaults().scaleLatencies(args.latencyScale()).faults(args.faults());
    ClientConfig client =
        ClientConfig.defaults()
            .withRequestTimeout(args.requestTimeout())
            .withPolling(Duration.ofMillis(20), Duration.ofMillis(100), 1.5);
    return start(server, client, args.pipelineThreads());
  }

  AutoMlServer server() {
    return server;
  }

  AutoMlClient client() {
    return client;
  }

  /** Sync tasks, and the calls that start async ones, run on the small fixed pool. */
  RunOptions runOptions() {
    return RunOptions.defaults().executor(pipelinePool);
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
