package dev.taskwire.samples.automl.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the embedded AutoML service behaves: how long each kind of job takes, how many threads it may
 * use, how models are scored, and which {@link Faults} it injects. Immutable: each setting returns
 * a changed copy.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.defaults()
 *     .latency(JobKind.TRAINING, Duration.ofMillis(20))
 *     .faults(Faults.none().failJobs(JobKind.TRAINING));
 * }</pre>
 */
public final class ServerConfig {
  /**
   * How many trainings the service processes at a time for one account, as its terms say; the
   * sample's whole JVM is one account. The embedded service neither refuses nor queues a fifth: it
   * counts them ({@link AutoMlServer#peakOpenJobs}, and its log), so that a report or a test can
   * tell whether its clients kept to it. Uploads and predictions do not count against it.
   */
  public static final int TRAININGS_PER_ACCOUNT = 4;

  private final Map<JobKind, Duration> latencies;
  private final int httpThreads;
  private final int workerThreads;
  private final int folds;
  private final Faults faults;
  private final Path dataDirectory;

  private ServerConfig(
      Map<JobKind, Duration> latencies,
      int httpThreads,
      int workerThreads,
      int folds,
      Faults faults,
      Path dataDirectory) {
    this.latencies = latencies;
    this.httpThreads = httpThreads;
    this.workerThreads = workerThreads;
    this.folds = folds;
    this.faults = faults;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Latencies that make the sample's overlap visible (uploads 700 ms, training 1 s, prediction 400
   * ms), 4 request threads, 2 worker threads, 5-fold cross-validation, no faults.
   */
  public static ServerConfig defaults() {
    Map<JobKind, Duration> latencies = new EnumMap<>(JobKind.class);
    latencies.put(JobKind.UPLOAD, Duration.ofMillis(700));
    latencies.put(JobKind.TRAINING, Duration.ofSeconds(1));
    latencies.put(JobKind.PREDICTION, Duration.ofMillis(400));
    return new ServerConfig(latencies, 4, 2, 5, Faults.none(), null);
  }

  /** The least time a job of {@code kind} takes, from its request to done. */
  public ServerConfig latency(JobKind kind, Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("negative latency for " + kind + ": " + latency);
    }
    Map<JobKind, Duration> changed = new EnumMap<>(latencies);
    changed.put(kind, latency);
    return new ServerConfig(changed, httpThreads, workerThreads, folds, faults, dataDirectory);
  }

  /** Every latency multiplied by {@code factor}: 0.05 for fast tests, 1 for the sample. */
  public ServerConfig scaleLatencies(double factor) {
    if (!(factor >= 0)) {
      throw new IllegalArgumentException("latency factor must be >= 0: " + factor);
    }
    Map<JobKind, Duration> changed = new EnumMap<>(JobKind.class);
    latencies.forEach(
        (kind, latency) ->
            changed.put(kind, Duration.ofNanos((long) (latency.toNanos() * factor))));
    return new ServerConfig(changed, httpThreads, workerThreads, folds, faults, dataDirectory);
  }

  public ServerConfig httpThreads(int threads) {
    return new ServerConfig(
        latencies, positive(threads), workerThreads, folds, faults, dataDirectory);
  }

  public ServerConfig workerThreads(int threads) {
    return new ServerConfig(
        latencies, httpThreads, positive(threads), folds, faults, dataDirectory);
  }

  public ServerConfig faults(Faults faults) {
    return new ServerConfig(
        latencies,
        httpThreads,
        workerThreads,
        folds,
        Objects.requireNonNull(faults, "faults"),
        dataDirectory);
  }

  /**
   * Keeps the service's data sets and models in {@code directory}, and starts with those kept there
   * before, under the same ids, as a real service keeps an account's data between sessions. One
   * service at a time may use a directory. By default nothing is kept: the data end with the
   * server.
   */
  public ServerConfig keepDataIn(Path directory) {
    return new ServerConfig(
        latencies,
        httpThreads,
        workerThreads,
        folds,
        faults,
        Objects.requireNonNull(directory, "directory"));
  }

  /** Where the data sets and models are kept, see {@link #keepDataIn}; null if nowhere. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  public Duration latency(JobKind kind) {
    return latencies.get(kind);
  }

  public int httpThreads() {
    return httpThreads;
  }

  public int workerThreads() {
    return workerThreads;
  }

  /** Cross-validation folds used to score each model. */
  public int folds() {
    return folds;
  }

  public Faults faults() {
    return faults;
  }

  private static int positive(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("need at least one thread: " + threads);
    }
    return threads;
  }

  @Override
  public String toString() {
    return "upload "
        + latencies.get(JobKind.UPLOAD).toMillis()
        + " ms, training "
        + latencies.get(JobKind.TRAINING).toMillis()
        + " ms, prediction "
        + latencies.get(JobKind.PREDICTION).toMillis()
        + " ms; "
        + faults;
  }
}
