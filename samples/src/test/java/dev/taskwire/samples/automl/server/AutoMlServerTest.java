package dev.taskwire.samples.automl.server;

import static dev.taskwire.samples.TestSupport.assertOwnThreadsEnd;
import static dev.taskwire.samples.TestSupport.assertPortClosed;
import static dev.taskwire.samples.TestSupport.awaitUntil;
import static dev.taskwire.samples.TestSupport.fastServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.samples.automl.data.Csv;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service's HTTP API, spoken to directly, without the sample's client. */
@Timeout(60)
class AutoMlServerTest {
  /** About y = 2x + 1. */
  private static final String LINE =
      "x,y\n1,3\n2,5\n3,7.5\n4,9\n5,11\n6,13\n7,15.5\n8,17\n9,19\n10,21\n11,23\n";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();
  private AutoMlServer server;

  @BeforeEach
  void start() throws Exception {
    server = AutoMlServer.start(fastServer());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void healthAnswers() throws Exception {
    HttpResponse<String> health = get("health");
    assertEquals(200, health.statusCode());
    assertEquals("ok", json.readTree(health.body()).get("status").asText());
  }

  @Test
  void uploadIsAJobThatEndsWithTheDataSet() throws Exception {
    JsonNode job = body(post("datasets?name=line", LINE, "text/csv"), 202);
    assertEquals("upload", job.get("kind").asText());
    assertTrue(List.of("pending", "running").contains(job.get("status").asText()), job.toString());
    JsonNode done = pollUntilEnded(job.get("id").asText());
    assertEquals("done", done.get("status").asText());
    assertEquals(1.0, done.get("progress").asDouble());
    JsonNode dataset = done.get("result").get("dataset");
    assertEquals("line", dataset.get("name").asText());
    assertEquals(11, dataset.get("rows").asInt());
    String csv = get("datasets/" + dataset.get("id").asText() + "/csv").body();
    assertEquals(Csv.parse(LINE), Csv.parse(csv));
  }

  @Test
  void trainingAndPredictionComputeOnTheUploadedRows() throws Exception {
    String datasetId = uploadAndWait("line", LINE);
    JsonNode training =
        body(
            post(
                "trainings",
                "{\"datasetId\":\"" + datasetId + "\",\"target\":\"y\"}",
                "application/json"),
            202);
    JsonNode experiment =
        pollUntilEnded(training.get("id").asText()).get("result").get("experiment");
    assertEquals(3, experiment.get("models").size());
    JsonNode linear = experiment.get("models").get(0);
    assertEquals("linear_regression", linear.get("algorithm").asText());
    assertTrue(linear.get("r2").asDouble() > 0.99, linear.toString());

    String forecastId = uploadAndWait("forecast", "x\n20\n");
    JsonNode prediction =
        body(
            post(
                "predictions",
                "{\"modelId\":\""
                    + linear.get("id").asText()
                    + "\",\"datasetId\":\""
                    + forecastId
                    + "\"}",
                "application/json"),
            202);
    JsonNode result = pollUntilEnded(prediction.get("id").asText()).get("result").get("prediction");
    String csv = get("datasets/" + result.get("datasetId").asText() + "/csv").body();
    double predicted = Csv.parse(csv).value(0, result.get("column").asText());
    assertEquals(41, predicted, 0.5); // about y = 2x + 1
  }

  /**
   * A training of one configuration fits that one model, and scores it exactly as an experiment of
   * every algorithm scores the same configuration: the same folds, the same numbers.
   */
  @Test
  void oneConfigurationTrainsOneModelScoredAsInAnExperiment() throws Exception {
    String datasetId = uploadAndWait("line", LINE);
    JsonNode experiment = trainAndWait("{\"datasetId\":\"" + datasetId + "\",\"target\":\"y\"}");
    for (JsonNode candidate : experiment.get("models")) {
      String request =
          "{\"datasetId\":\""
              + datasetId
              + "\",\"target\":\"y\",\"algorithm\":\""
              + candidate.get("algorithm").asText()
              + "\",\"params\":"
              + candidate.get("params")
              + "}";
      JsonNode trial = trainAndWait(request);
      assertEquals(1, trial.get("models").size(), trial.toString());
      JsonNode model = trial.get("models").get(0);
      assertEquals(candidate.get("algorithm"), model.get("algorithm"));
      assertEquals(candidate.get("params"), model.get("params"));
      assertEquals(candidate.get("rmse").asDouble(), model.get("rmse").asDouble(), 0.0);
      assertTrue(!model.get("id").equals(candidate.get("id")), "a model of its own");
    }
    assertEquals(json.readTree("{\"k\":10.0}"), experiment.get("models").get(1).get("params"));
    List<String> labels =
        server.events().snapshot().stream()
            .filter(event -> event.type() == ServerEvent.Type.CREATED)
            .filter(event -> event.kind() == JobKind.TRAINING)
            .map(ServerEvent::label)
            .toList();
    assertEquals(
        List.of(
            datasetId,
            datasetId + " linear_regression(lambda=0)",
            datasetId + " k_nearest_neighbors(k=10)",
            datasetId + " mean_baseline"),
        labels);
  }

  @Test
  void aConfigurationTheServiceCannotTrainGets4xx() throws Exception {
    String datasetId = uploadAndWait("line", LINE);
    String request = "{\"datasetId\":\"" + datasetId + "\",\"target\":\"y\",";
    assertError(
        post("trainings", request + "\"algorithm\":\"svm\"}", "application/json"),
        422,
        "unknown algorithm 'svm'");
    assertError(
        post("trainings", request + "\"algorithm\":\"k_nearest_neighbors\"}", "application/json"),
        422,
        "k_nearest_neighbors needs the parameter k");
    assertError(
        post(
            "trainings",
            request + "\"algorithm\":\"linear_regression\",\"params\":{\"lambda\":-1}}",
            "application/json"),
        422,
        "lambda must be a finite number >= 0");
    assertError(
        post(
            "trainings",
            request + "\"algorithm\":\"k_nearest_neighbors\",\"params\":[5]}",
            "application/json"),
        400,
        "'params' must be an object of numbers");
    assertError(
        post(
            "trainings",
            request + "\"algorithm\":\"k_nearest_neighbors\",\"params\":{\"k\":\"5\"}}",
            "application/json"),
        400,
        "parameter 'k' must be a number");
    assertEquals(0, server.peakOpenJobs(JobKind.TRAINING), "no job for a refused request");
  }

  @Test
  void badRequestsGet4xxWithAMessage() throws Exception {
    assertError(get("jobs/job-99"), 404, "no job 'job-99'");
    assertError(post("trainings", "{not json", "application/json"), 400, "not valid JSON");
    assertError(
        post("trainings", "{\"datasetId\":\"ds-9\",\"target\":\"y\"}", "application/json"),
        404,
        "no data set 'ds-9'");
    String datasetId = uploadAndWait("line", LINE);
    assertError(
        post(
            "trainings",
            "{\"datasetId\":\"" + datasetId + "\",\"target\":\"z\"}",
            "application/json"),
        422,
        "no column 'z'");
    assertError(post("datasets", LINE, "text/csv"), 400, "needs a data set name");
    assertError(get("nothing-here"), 404, "no such resource");
  }

  @Test
  void malformedCsvFailsTheUploadJobWithTheLine() throws Exception {
    JsonNode job = body(post("datasets?name=bad", "a,b\n1,2\n3\n", "text/csv"), 202);
    JsonNode ended = pollUntilEnded(job.get("id").asText());
    assertEquals("failed", ended.get("status").asText());
    assertTrue(ended.get("error").asText().contains("line 3"), ended.toString());
  }

  @Test
  void aHeldJobRunsUntilReleasedAndCanBeStopped() throws Exception {
    server.holdJobs(JobKind.UPLOAD);
    String first = body(post("datasets?name=a", LINE, "text/csv"), 202).get("id").asText();
    String second = body(post("datasets?name=b", LINE, "text/csv"), 202).get("id").asText();
    assertEquals(2, server.openJobs(JobKind.UPLOAD));
    JsonNode stopped = body(post("jobs/" + second + "/stop", "", "text/plain"), 200);
    assertEquals("failed", stopped.get("status").asText());
    assertEquals("stopped at the client's request", stopped.get("error").asText());
    awaitUntil("the held job is running", () -> running(first));
    server.releaseJobs(JobKind.UPLOAD);
    assertEquals("done", pollUntilEnded(first).get("status").asText());
    assertEquals(2, server.peakOpenJobs(JobKind.UPLOAD));
    assertEquals(0, server.openJobs(JobKind.UPLOAD));
  }

  @Test
  void eventsRecordEachJobsLifeInOrder() throws Exception {
    String job = body(post("datasets?name=line", LINE, "text/csv"), 202).get("id").asText();
    pollUntilEnded(job);
    List<ServerEvent.Type> types =
        server.events().snapshot().stream()
            .filter(event -> event.jobId().equals(job))
            .map(ServerEvent::type)
            .toList();
    assertEquals(
        List.of(ServerEvent.Type.CREATED, ServerEvent.Type.RUNNING, ServerEvent.Type.DONE), types);
  }

  /**
   * A service started on the directory another one kept its data in has that service's data sets
   * and models under the same ids: a model trained by the first predicts on the second exactly as
   * it did there, and new ids follow the kept ones. Two services cannot share the directory.
   */
  @Test
  void aServiceKeepingItsDataHandsItToTheNextOneOnTheSameDirectory(@TempDir Path directory)
      throws Exception {
    server.close();
    server = AutoMlServer.start(fastServer().keepDataIn(directory));
    String datasetId = uploadAndWait("line", LINE);
    JsonNode experiment = trainAndWait("{\"datasetId\":\"" + datasetId + "\",\"target\":\"y\"}");
    String forecastId = uploadAndWait("forecast", "x\n20\n2.5\n");
    List<String> models = new ArrayList<>();
    List<String> predictions = new ArrayList<>();
    for (JsonNode model : experiment.get("models")) {
      models.add(model.get("id").asText());
      predictions.add(predictAndWait(model.get("id").asText(), forecastId));
    }
    IOException inUse =
        assertThrows(
            IOException.class, () -> AutoMlServer.start(fastServer().keepDataIn(directory)));
    assertTrue(inUse.getMessage().contains("another AutoML service is using"), inUse.toString());

    server.close();
    server = AutoMlServer.start(fastServer().keepDataIn(directory));
    assertEquals(Csv.parse(LINE), Csv.parse(get("datasets/" + datasetId + "/csv").body()));
    assertEquals("line", body(get("datasets/" + datasetId), 200).get("name").asText());
    for (int i = 0; i < models.size(); i++) {
      assertEquals(predictions.get(i), predictAndWait(models.get(i), forecastId), models.get(i));
    }
    // ds-1 and ds-2 uploaded and ds-3 to ds-5 predicted by the first service, ds-6 to ds-8 here.
    assertEquals("ds-9", uploadAndWait("again", LINE));
  }

  @Test
  void closingEndsTheThreadsAndThePort() {
    int port = server.port();
    server.close();
    assertOwnThreadsEnd();
    assertPortClosed(port);
  }

  private boolean running(String job) {
    try {
      return body(get("jobs/" + job), 200).get("status").asText().equals("running");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode trainAndWait(String request) throws Exception {
    JsonNode job = body(post("trainings", request, "application/json"), 202);
    return pollUntilEnded(job.get("id").asText()).get("result").get("experiment");
  }

  /** The predictions' CSV, once the prediction of {@code model} on {@code dataset} is done. */
  private String predictAndWait(String model, String dataset) throws Exception {
    JsonNode job =
        body(
            post(
                "predictions",
                "{\"modelId\":\"" + model + "\",\"datasetId\":\"" + dataset + "\"}",
                "application/json"),
            202);
    JsonNode result = pollUntilEnded(job.get("id").asText()).get("result").get("prediction");
    return get("datasets/" + result.get("datasetId").asText() + "/csv").body();
  }

  private String uploadAndWait(String name, String csv) throws Exception {
    JsonNode job = body(post("datasets?name=" + name, csv, "text/csv"), 202);
    return pollUntilEnded(job.get("id").asText()).get("result").get("dataset").get("id").asText();
  }

  private JsonNode pollUntilEnded(String job) throws Exception {
    JsonNode[] last = new JsonNode[1];
    awaitUntil(
        "job " + job + " ended",
        () -> {
          try {
            last[0] = body(get("jobs/" + job), 200);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          String status = last[0].get("status").asText();
          return status.equals("done") || status.equals("failed");
        });
    return last[0];
  }

  private void assertError(HttpResponse<String> response, int status, String fragment)
      throws Exception {
    JsonNode error = body(response, status).get("error");
    assertEquals(status, error.get("status").asInt());
    assertTrue(error.get("message").asText().contains(fragment), error.toString());
  }

  private JsonNode body(HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    return json.readTree(response.body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String type) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return server.baseUri().resolve(path);
  }
}
