package dev.taskwire.samples.automl.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.taskwire.samples.automl.data.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's HTTP API under {@value #ROOT}, in the usual style of remote ML services: JSON in
 * and out, long work as jobs that the client polls.
 *
 * <pre>
 * GET  health                       {"status":"ok","openJobs":0}
 * POST datasets?name=train          body: CSV text          -> 202 job
 * GET  datasets/{id}                metadata: rows and columns
 * GET  datasets/{id}/csv            the rows as CSV
 * POST trainings                    {"datasetId","target"}  -> 202 job: every algorithm
 *                                   {"datasetId","target","algorithm","params"}
 *                                                           -> 202 job: that one configuration,
 *                                   e.g. "algorithm":"k_nearest_neighbors","params":{"k":5}
 * POST predictions                  {"modelId","datasetId"} -> 202 job
 * GET  jobs/{id}                    status (pending, running, done, failed), progress 0..1,
 *                                   result when done, error when failed
 * POST jobs/{id}/stop               stops the job if it has not ended
 * </pre>
 *
 * Errors are 4xx with {@code {"error":{"status":404,"message":"no job 'job-9'"}}}. Each request is
 * handled on the server's small request pool and never waits for a job.
 */
final class HttpApi implements HttpHandler {
  static final String ROOT = "/api/v1/";

  private static final Pattern DATASET = Pattern.compile("datasets/([\\w-]+)");
  private static final Pattern DATASET_CSV = Pattern.compile("datasets/([\\w-]+)/csv");
  private static final Pattern JOB = Pattern.compile("jobs/([\\w-]+)");
  private static final Pattern JOB_STOP = Pattern.compile("jobs/([\\w-]+)/stop");

  private final AutoMlService service;
  private final Faults faults;
  private final Silence silence;
  private final ObjectMapper json;

  HttpApi(AutoMlService service, Faults faults, Silence silence, ObjectMapper json) {
    this.service = service;
    this.faults = faults;
    this.silence = silence;
    this.json = json;
  }

  /**
   * A response to send, or {@link #NO_ANSWER} to park the request unanswered. A class, not a
   * record: the body is an array, and replies are never compared but for that one sentinel, by
   * identity.
   */
  private static final class Reply {
    final int status;
    final String contentType;
    final byte[] body;

    Reply(int status, String contentType, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }
  }

  private static final Reply NO_ANSWER = new Reply(0, "", new byte[0]);

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    try {
      reply = silence.engaged() ? NO_ANSWER : route(exchange);
    } catch (ApiException refused) {
      reply = error(refused.status(), refused.getMessage());
    } catch (RuntimeException bug) {
      reply = error(500, "internal error: " + bug);
    }
    if (reply == NO_ANSWER) {
      silence.park(exchange);
      return;
    }
    try (exchange) {
      exchange.getRequestBody().readAllBytes(); // drain, so the connection can be reused
      exchange.getResponseHeaders().set("Content-Type", reply.contentType);
      int length = reply.body.length;
      exchange.sendResponseHeaders(reply.status, length == 0 ? -1 : length);
      if (reply.body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body);
        }
      }
    }
  }

  private Reply route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith(ROOT)) {
      throw new ApiException(404, "no such resource: " + path + " (the API is under " + ROOT + ")");
    }
    String resource = path.substring(ROOT.length());
    String method = exchange.getRequestMethod();
    if (resource.equals("health")) {
      requireMethod(method, "GET", path);
      return ok(200, new JsonViews.HealthView("ok", service.openJobs()));
    }
    if (resource.equals("datasets")) {
      requireMethod(method, "POST", path);
      String name = queryParameter(exchange, "name");
      if (silencedBy(JobKind.UPLOAD)) {
        return NO_ANSWER;
      }
      String csv = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      return job(202, service.upload(name, csv));
    }
    Matcher datasetCsv = DATASET_CSV.matcher(resource);
    if (datasetCsv.matches()) {
      requireMethod(method, "GET", path);
      String csv = Csv.format(service.dataset(datasetCsv.group(1)).table());
      return new Reply(200, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
    }
    Matcher dataset = DATASET.matcher(resource);
    if (dataset.matches()) {
      requireMethod(method, "GET", path);
      return ok(200, service.dataset(dataset.group(1)).view());
    }
    if (resource.equals("trainings")) {
      requireMethod(method, "POST", path);
      JsonNode body = jsonBody(exchange);
      if (silencedBy(JobKind.TRAINING)) {
        return NO_ANSWER;
      }
      String datasetId = text(body, "datasetId");
      String target = text(body, "target");
      return body.has("algorithm")
          ? job(202, service.train(datasetId, target, text(body, "algorithm"), numbers(body)))
          : job(202, service.train(datasetId, target));
    }
    if (resource.equals("predictions")) {
      requireMethod(method, "POST", path);
      JsonNode body = jsonBody(exchange);
      if (silencedBy(JobKind.PREDICTION)) {
        return NO_ANSWER;
      }
      return job(202, service.predict(text(body, "modelId"), text(body, "datasetId")));
    }
    Matcher jobStop = JOB_STOP.matcher(resource);
    if (jobStop.matches()) {
      requireMethod(method, "POST", path);
      return job(200, service.stop(jobStop.group(1)));
    }
    Matcher jobStatus = JOB.matcher(resource);
    if (jobStatus.matches()) {
      requireMethod(method, "GET", path);
      Job job = service.job(jobStatus.group(1));
      Reply reply = job(200, job);
      if (faults.garblesStatusOf(job.kind())) {
        byte[] cut = Arrays.copyOf(reply.body, reply.body.length / 2);
        return new Reply(200, reply.contentType, cut);
      }
      return reply;
    }
    throw new ApiException(404, "no such resource: " + path);
  }

  /** Engages the "stops answering" fault at the first request for a job of {@code kind}. */
  private boolean silencedBy(JobKind kind) {
    if (faults.silentFrom().filter(kind::equals).isPresent()) {
      silence.engage();
      return true;
    }
    return false;
  }

  private Reply job(int status, Job job) {
    return ok(status, JsonViews.JobView.of(job.snapshot(System.nanoTime())));
  }

  private Reply ok(int status, Object body) {
    try {
      return new Reply(status, "application/json", json.writeValueAsBytes(body));
    } catch (JsonProcessingException bug) {
      throw new IllegalStateException("cannot write " + body, bug);
    }
  }

  private Reply error(int status, String message) {
    return ok(status, JsonViews.ErrorView.of(status, message));
  }

  private JsonNode jsonBody(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiException(400, "the request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException malformed) {
      throw new ApiException(
          400, "the request body is not valid JSON: " + malformed.getOriginalMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw new ApiException(400, "missing text field '" + field + "' in the request body");
    }
    return value.asText();
  }

  /** The optional {@code "params"} object of a training request: names mapped to numbers. */
  private static Map<String, Double> numbers(JsonNode body) {
    JsonNode params = body.get("params");
    if (params == null) {
      return Map.of();
    }
    if (!params.isObject()) {
      throw new ApiException(400, "'params' must be an object of numbers, e.g. {\"k\":5}");
    }
    Map<String, Double> numbers = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : params.properties()) {
      if (!field.getValue().isNumber()) {
        throw new ApiException(
            400, "parameter '" + field.getKey() + "' must be a number, not " + field.getValue());
      }
      numbers.put(field.getKey(), field.getValue().asDouble());
    }
    return Map.copyOf(numbers);
  }

  private static void requireMethod(String method, String expected, String path) {
    if (!method.equals(expected)) {
      throw new ApiException(405, method + " is not allowed on " + path + "; use " + expected);
    }
  }

  private static String queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&", -1)) {
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).equals(name)) {
          return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }
}
