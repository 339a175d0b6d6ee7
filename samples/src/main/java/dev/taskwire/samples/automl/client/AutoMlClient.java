package dev.taskwire.samples.automl.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.samples.automl.DaemonPools;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A client for the AutoML service's JSON API, built on {@link HttpClient}'s async API. Every call
 * returns a {@link CompletableFuture} at once; the calls that start a remote job (upload, train,
 * predict) follow it to its end by polling on a timer, so a thousand jobs in flight need no more
 * threads than one. Every failure completes the future with an {@link AutoMlException} that names
 * the call and carries the server's message.
 *
 * <p>Threads: the HTTP client and every continuation of a response run on {@link
 * ClientConfig#httpThreads()} daemon threads, polls are scheduled on one daemon timer thread, and
 * Java 17's HttpClient adds its own selector thread. {@link #close()} ends the first two; Java 17
 * has no way to close an HttpClient, so its selector thread ends when the client is garbage
 * collected. Java 17's HttpClient also completes each response on {@code CompletableFuture}'s
 * default executor, which is the common ForkJoinPool where it has parallelism 2 or more, and
 * otherwise (fewer than 3 cores) a new short-lived thread per response.
 */
public final class AutoMlClient implements AutoCloseable {
  private final URI api;
  private final ClientConfig config;
  private final ExecutorService httpPool;
  private final ScheduledExecutorService pollTimer;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final JobPoller poller;

  /**
   * @param api the API's base URI, ending in a slash, e.g. {@code http://127.0.0.1:8080/api/v1/}
   */
  public AutoMlClient(URI api, ClientConfig config) {
    this.api = api;
    this.config = config;
    this.httpPool = DaemonPools.fixed("automl-client-http", config.httpThreads());
    this.pollTimer = DaemonPools.timer("automl-client-poll");
    this.http =
        HttpClient.newBuilder()
            .executor(httpPool)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.requestTimeout())
            .build();
    this.poller = new JobPoller(pollTimer, config, this::job, this::stopJob, this::jobCall);
  }

  /** Asks whether the service is up; completes with its status, e.g. {@code ok}. */
  public CompletableFuture<String> health() {
    return call("GET", "health", HttpRequest.BodyPublishers.noBody(), null)
        .thenApply(body -> body.path("status").asText("?"));
  }

  /** Uploads {@code csv} as a data set named {@code name}; completes once it is stored. */
  public CompletableFuture<DatasetRef> upload(String name, String csv) {
    String path = "datasets?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    String call = "POST " + api.resolve(path).getPath();
    CompletableFuture<JobStatus> submitted =
        call("POST", path, HttpRequest.BodyPublishers.ofString(csv), "text/csv; charset=utf-8")
            .thenApply(body -> Responses.jobStatus(call, body));
    return poller.follow(
        "upload of '" + name + "'",
        submitted,
        done -> Responses.dataset(jobCall(done.id()), done.result()));
  }

  /** Trains models to predict {@code target} from the other columns of a data set. */
  public CompletableFuture<Experiment> train(String datasetId, String target) {
    CompletableFuture<JobStatus> submitted =
        postJson("trainings", Map.of("datasetId", datasetId, "target", target));
    return poller.follow(
        "training on " + datasetId,
        submitted,
        done -> Responses.experiment(jobCall(done.id()), done.result()));
  }

  /**
   * Trains one configuration to predict {@code target}: the service scores it by the same
   * cross-validation as {@link #train}'s candidates and keeps the fitted model for {@link
   * #predict}. Polled like every job, so no thread waits meanwhile.
   */
  public CompletableFuture<TrialScore> trainOne(
      String datasetId, String target, HyperParams params) {
    CompletableFuture<JobStatus> submitted =
        postJson(
            "trainings",
            Map.of(
                "datasetId",
                datasetId,
                "target",
                target,
                "algorithm",
                params.algorithm(),
                "params",
                params.params()));
    return poller.follow(
        "training of " + params + " on " + datasetId,
        submitted,
        done -> Responses.trial(jobCall(done.id()), done.result(), params));
  }

  /** Applies a model to a data set; the result names the data set that holds the predictions. */
  public CompletableFuture<PredictionRef> predict(String modelId, String datasetId) {
    CompletableFuture<JobStatus> submitted =
        postJson("predictions", Map.of("modelId", modelId, "datasetId", datasetId));
    return poller.follow(
        "prediction of " + modelId + " on " + datasetId,
        submitted,
        done -> Responses.prediction(jobCall(done.id()), done.result()));
  }

  /** Downloads a data set as CSV text. */
  public CompletableFuture<String> downloadCsv(String datasetId) {
    String path = "datasets/" + datasetId + "/csv";
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
  }

  /** One status request for a job, no polling. */
  public CompletableFuture<JobStatus> job(String jobId) {
    return call("GET", "jobs/" + jobId, HttpRequest.BodyPublishers.noBody(), null)
        .thenApply(body -> Responses.jobStatus(jobCall(jobId), body));
  }

  /** Asks the server to stop a job; completes with the job's status afterwards. */
  public CompletableFuture<JobStatus> stopJob(String jobId) {
    String path = "jobs/" + jobId + "/stop";
    String call = "POST " + api.resolve(path).getPath();
    return call("POST", path, HttpRequest.BodyPublishers.noBody(), null)
        .thenApply(body -> Responses.jobStatus(call, body));
  }

  private String jobCall(String jobId) {
    return "GET " + api.resolve("jobs/" + jobId).getPath();
  }

  private CompletableFuture<JobStatus> postJson(String path, Map<String, ?> body) {
    String call = "POST " + api.resolve(path).getPath();
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException impossible) {
      return CompletableFuture.failedFuture(impossible);
    }
    return call("POST", path, HttpRequest.BodyPublishers.ofByteArray(bytes), "application/json")
        .thenApply(answer -> Responses.jobStatus(call, answer));
  }

  /** Sends a request and parses its JSON answer. */
  private CompletableFuture<JsonNode> call(
      String method, String path, HttpRequest.BodyPublisher body, String contentType) {
    String call = method + " " + api.resolve(path).getPath();
    return send(method, path, body, contentType).thenApply(text -> parse(call, text));
  }

  /** Sends a request; completes with the body of a 2xx answer, or an {@link AutoMlException}. */
  private CompletableFuture<String> send(
      String method, String path, HttpRequest.BodyPublisher body, String contentType) {
    URI uri = api.resolve(path);
    String call = method + " " + uri.getPath();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    CompletableFuture<HttpResponse<String>> sent;
    try {
      sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (RuntimeException refused) { // e.g. the client's executor is shut down
      return CompletableFuture.failedFuture(
          new NoAnswerException(call, refused.toString(), refused));
    }
    // handleAsync: Java 17's HttpClient completes sendAsync's future on the JDK's default async
    // pool, which on a machine with fewer than 3 cores is a new thread per response; the work
    // that follows (parsing, polling, the pipeline's next task) runs on our own small pool.
    return sent.handleAsync(
        (response, failure) -> {
          if (failure != null) {
            throw noAnswer(call, JobPoller.unwrap(failure));
          }
          if (response.statusCode() / 100 != 2) {
            throw new RequestRejectedException(
                call,
                response.statusCode(),
                Responses.errorMessage(tryParse(response.body()), response.body()));
          }
          return response.body();
        },
        httpPool);
  }

  private AutoMlException noAnswer(String call, Throwable failure) {
    if (failure instanceof AutoMlException known) {
      return known;
    }
    if (failure instanceof HttpTimeoutException) {
      return new NoAnswerException(
          call,
          "none within "
              + config.requestTimeout().toMillis()
              + " ms ("
              + failure.getMessage()
              + ")",
          failure);
    }
    if (failure instanceof ConnectException) {
      return new NoAnswerException(call, "cannot connect (" + failure + ")", failure);
    }
    if (failure instanceof IOException) {
      return new NoAnswerException(call, "the connection broke (" + failure + ")", failure);
    }
    return new NoAnswerException(call, failure.toString(), failure);
  }

  private JsonNode parse(String call, String text) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw new MalformedResponseException(
            call, "expected a JSON object, got '" + Responses.abbreviate(text) + "'", null);
      }
      return node;
    } catch (JsonProcessingException malformed) {
      throw new MalformedResponseException(
          call,
          malformed.getOriginalMessage() + " in '" + Responses.abbreviate(text) + "'",
          malformed);
    }
  }

  private JsonNode tryParse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  /**
   * Stops polling (jobs still followed fail with an {@link IllegalStateException}) and ends the
   * client's threads. Close the client after the pipelines that use it have finished.
   */
  @Override
  public void close() {
    poller.abandonAll();
    DaemonPools.shutdown(pollTimer);
    DaemonPools.shutdown(httpPool);
  }
}
