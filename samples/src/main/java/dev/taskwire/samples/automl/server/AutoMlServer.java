package dev.taskwire.samples.automl.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.taskwire.samples.automl.DaemonPools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * An AutoML service embedded in the sample: a real HTTP server on 127.0.0.1 and a free port, with
 * the JSON API of {@link HttpApi}. Jobs take the time {@link ServerConfig} gives their kind and
 * really compute: uploads parse CSV, trainings fit and cross-validate models, predictions apply
 * one. Closing it stops the server and every thread it started.
 *
 * <pre>{@code
 * try (AutoMlServer server = AutoMlServer.start(ServerConfig.defaults())) {
 *   URI api = server.baseUri(); // http://127.0.0.1:PORT/api/v1/
 * }
 * }</pre>
 */
public final class AutoMlServer implements AutoCloseable {
  /** Backlog for bursts of connections, e.g. hundreds of pipelines starting at once. */
  private static final int BACKLOG = 1024;

  private final ServerConfig config;
  private final HttpServer http;
  private final ExecutorService requestPool;
  private final JobRunner jobs;
  private final ServerEvents events;
  private final Silence silence;
  private final DataDirectory kept;
  private boolean closed;

  private AutoMlServer(
      ServerConfig config,
      HttpServer http,
      ExecutorService requestPool,
      JobRunner jobs,
      ServerEvents events,
      Silence silence,
      DataDirectory kept) {
    this.config = config;
    this.http = http;
    this.requestPool = requestPool;
    this.jobs = jobs;
    this.events = events;
    this.silence = silence;
    this.kept = kept;
  }

  /**
   * Starts a server on 127.0.0.1 and an ephemeral port; with {@link ServerConfig#keepDataIn}, with
   * the data sets and models kept in that directory.
   *
   * @throws IOException if the port cannot be opened, or the data directory cannot be read or is in
   *     use by another service
   */
  public static AutoMlServer start(ServerConfig config) throws IOException {
    DataDirectory kept =
        config.dataDirectory() == null ? null : DataDirectory.open(config.dataDirectory());
    ServerEvents events = new ServerEvents();
    JobRunner jobs = new JobRunner(config, events);
    Silence silence = new Silence();
    ObjectMapper json =
        new ObjectMapper().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    HttpServer http;
    AutoMlService service;
    try {
      service = new AutoMlService(config, jobs, kept);
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
    } catch (IOException | RuntimeException failed) {
      jobs.close();
      if (kept != null) {
        kept.close();
      }
      throw failed;
    }
    ExecutorService requestPool = DaemonPools.fixed("automl-server-http", config.httpThreads());
    http.setExecutor(requestPool);
    http.createContext("/", new HttpApi(service, config.faults(), silence, json));
    http.start();
    return new AutoMlServer(config, http, requestPool, jobs, events, silence, kept);
  }

  /** Where the API lives, e.g. {@code http://127.0.0.1:43117/api/v1/}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port() + HttpApi.ROOT);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public ServerConfig config() {
    return config;
  }

  /** The server's log of job events. */
  public ServerEvents events() {
    return events;
  }

  /** Jobs of {@code kind} that are pending or running right now. */
  public int openJobs(JobKind kind) {
    return jobs.openJobs(kind);
  }

  /** The most jobs of {@code kind} that were pending or running at the same moment. */
  public int peakOpenJobs(JobKind kind) {
    return jobs.peakOpenJobs(kind);
  }

  /** A test hook: new jobs of {@code kind} stay running past their latency until released. */
  public void holdJobs(JobKind kind) {
    jobs.gates().hold(kind, null);
  }

  /**
   * A test hook: new jobs of {@code kind} with {@code label} (for an upload, its data set name)
   * stay running past their latency until released.
   */
  public void holdJobs(JobKind kind, String label) {
    jobs.gates().hold(kind, label);
  }

  /** Lets the jobs held by {@link #holdJobs(JobKind)} finish (on this thread, if they are due). */
  public void releaseJobs(JobKind kind) {
    jobs.gates().release(kind, null);
  }

  /** Lets the jobs held by {@link #holdJobs(JobKind, String)} finish. */
  public void releaseJobs(JobKind kind, String label) {
    jobs.gates().release(kind, label);
  }

  /** Every job so far, oldest first, as the server sees it now. */
  public List<JobSummary> jobs() {
    long now = System.nanoTime();
    return jobs.all().stream().map(job -> JobSummary.of(job.snapshot(now))).toList();
  }

  /**
   * Waits, up to {@code limit}, until no job is pending or running; for reports that show the
   * server's side after a run (a stop request sent on cancellation may still be on its way).
   *
   * @return whether every job had ended in time
   */
  public boolean awaitNoOpenJobs(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      int open = 0;
      for (JobKind kind : JobKind.values()) {
        open += jobs.openJobs(kind);
      }
      if (open == 0) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5); // the caller's own thread, after a run: not a pool thread
    }
  }

  /**
   * Stops accepting connections, drops parked requests, fails open jobs (held ones too), ends every
   * thread the server started and releases its data directory. Afterwards, connecting to the port
   * is refused. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    silence.close();
    http.stop(0);
    DaemonPools.shutdown(requestPool);
    jobs.close();
    if (kept != null) {
      try {
        kept.close();
      } catch (IOException ignored) {
        // The lock goes with the process anyway; nothing else is left open.
      }
    }
  }

  /** One job as the server sees it, for reports. */
  public record JobSummary(String id, JobKind kind, String label, JobState state, String error) {
    static JobSummary of(Job.Snapshot job) {
      return new JobSummary(job.id(), job.kind(), job.label(), job.state(), job.error());
    }
  }
}
