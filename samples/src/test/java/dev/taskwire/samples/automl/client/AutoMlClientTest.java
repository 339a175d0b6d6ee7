package dev.taskwire.samples.automl.client;

import static dev.taskwire.samples.TestSupport.awaitUntil;
import static dev.taskwire.samples.TestSupport.fastClient;
import static dev.taskwire.samples.TestSupport.fastServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.Faults;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.JobState;
import dev.taskwire.samples.automl.server.ServerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every way a call can go wrong ends in an exception naming the call and the server's message. */
@Timeout(60)
class AutoMlClientTest {
  private static final String CSV =
      "x,y\n1,3\n2,5\n3,7\n4,9.5\n5,11\n6,13\n7,15\n8,17\n9,19\n10,21\n";

  @Test
  void uploadFollowsTheJobToItsDataSet() throws Exception {
    try (AutoMlServer server = AutoMlServer.start(fastServer());
        AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      assertEquals("ok", client.health().join());
      DatasetRef dataset = client.upload("line", CSV).join();
      assertEquals("line", dataset.name());
      assertEquals(10, dataset.rows());
      Experiment experiment = client.train(dataset.id(), "y").join();
      assertEquals(3, experiment.models().size());
      assertEquals("y", experiment.target());
    }
  }

  @Test
  void trainOneFollowsTheJobToTheTrialsScore() throws Exception {
    try (AutoMlServer server = AutoMlServer.start(fastServer());
        AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      DatasetRef dataset = client.upload("line", CSV).join();
      TrialScore trial = client.trainOne(dataset.id(), "y", HyperParams.linear(0)).join();
      assertEquals(HyperParams.linear(0), trial.params());
      assertEquals("linear_regression", trial.model().algorithm());
      assertTrue(trial.model().r2() > 0.99, trial.toString());
      Experiment experiment = client.train(dataset.id(), "y").join();
      assertEquals(experiment.models().get(0).rmse(), trial.rmse(), "same folds, same score");
    }
  }

  @Test
  void aFailingConfigurationFailsOnlyAsOftenAsTheFaultSays() throws Exception {
    HyperParams failing = HyperParams.nearestNeighbors(3);
    ServerConfig config =
        fastServer()
            .faults(Faults.none().failTrainingsOf(failing.algorithm(), failing.params(), 1));
    try (AutoMlServer server = AutoMlServer.start(config);
        AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      DatasetRef dataset = client.upload("line", CSV).join();
      assertEquals(
          HyperParams.nearestNeighbors(4),
          client.trainOne(dataset.id(), "y", HyperParams.nearestNeighbors(4)).join().params());
      JobFailedException failed =
          failure(client.trainOne(dataset.id(), "y", failing), JobFailedException.class);
      assertEquals(
          "the training of k_nearest_neighbors(k=3) crashed (injected fault, 1 of 1)",
          failed.serverMessage());
      assertTrue(
          failed.getMessage().contains("training of k_nearest_neighbors k=3 on ds-1"),
          failed.getMessage());
      assertEquals(failing, client.trainOne(dataset.id(), "y", failing).join().params());
    }
  }

  @Test
  void aRefusedRequestCarriesTheStatusAndTheServersMessage() throws Exception {
    try (AutoMlServer server = AutoMlServer.start(fastServer());
        AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      RequestRejectedException refused =
          failure(client.train("ds-404", "y"), RequestRejectedException.class);
      assertEquals(404, refused.status());
      assertEquals("no data set 'ds-404'", refused.serverMessage());
      assertEquals("POST /api/v1/trainings", refused.call());
    }
  }

  @Test
  void aFailedJobNamesTheJobAndCarriesTheServersError() throws Exception {
    ServerConfig config = fastServer().faults(Faults.none().failJobs(JobKind.UPLOAD));
    try (AutoMlServer server = AutoMlServer.start(config);
        AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      JobFailedException failed = failure(client.upload("line", CSV), JobFailedException.class);
      assertEquals("job-1", failed.jobId());
      assertEquals("the upload worker crashed (injected fault)", failed.serverMessage());
      assertTrue(failed.getMessage().contains("GET /api/v1/jobs/job-1"), failed.getMessage());
      assertTrue(failed.getMessage().contains("upload of 'line'"), failed.getMessage());
    }
  }

  @Test
  void malformedJsonIsAnErrorNamingTheCall() throws Exception {
    ServerConfig config = fastServer().faults(Faults.none().garbleStatusOf(JobKind.UPLOAD));
    try (AutoMlServer server = AutoMlServer.start(config);
        AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      // Held, the job is still running when its submission is answered, so its status is polled
      // (under load an unheld upload could be done by then, and no garbled status ever read).
      server.holdJobs(JobKind.UPLOAD);
      MalformedResponseException malformed =
          failure(client.upload("line", CSV), MalformedResponseException.class);
      assertEquals("GET /api/v1/jobs/job-1", malformed.call());
      // Giving up on the job stops it on the server.
      awaitUntil("the abandoned job is stopped", () -> server.openJobs(JobKind.UPLOAD) == 0);
    }
  }

  @Test
  void aSilentServerIsANoAnswerAfterTheRequestTimeout() throws Exception {
    ServerConfig config = fastServer().faults(Faults.none().goSilentFrom(JobKind.UPLOAD));
    ClientConfig impatient = fastClient().withRequestTimeout(Duration.ofMillis(200));
    try (AutoMlServer server = AutoMlServer.start(config);
        AutoMlClient client = new AutoMlClient(server.baseUri(), impatient)) {
      NoAnswerException silent = failure(client.upload("line", CSV), NoAnswerException.class);
      assertEquals("POST /api/v1/datasets", silent.call());
      assertTrue(silent.getMessage().contains("200 ms"), silent.getMessage());
      // Once silent, the server answers nothing at all.
      assertInstanceOf(NoAnswerException.class, failure(client.health(), NoAnswerException.class));
    }
  }

  @Test
  void aStoppedServerIsANoAnswer() throws Exception {
    AutoMlServer server = AutoMlServer.start(fastServer());
    try (AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      server.close();
      NoAnswerException refused = failure(client.health(), NoAnswerException.class);
      assertEquals("GET /api/v1/health", refused.call());
    }
  }

  @Test
  void cancellingAnUploadStopsItsJobOnTheServer() throws Exception {
    try (AutoMlServer server = AutoMlServer.start(fastServer());
        AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
      server.holdJobs(JobKind.UPLOAD);
      CompletableFuture<DatasetRef> upload = client.upload("line", CSV);
      awaitUntil("the upload job exists", () -> !server.jobs().isEmpty());
      upload.cancel(true);
      awaitUntil(
          "the server stopped the job", () -> server.jobs().get(0).state() == JobState.FAILED);
      assertEquals("stopped at the client's request", server.jobs().get(0).error());
    }
  }

  @Test
  void closingTheClientFailsJobsItWasFollowing() throws Exception {
    try (AutoMlServer server = AutoMlServer.start(fastServer())) {
      server.holdJobs(JobKind.UPLOAD);
      CompletableFuture<DatasetRef> upload;
      try (AutoMlClient client = new AutoMlClient(server.baseUri(), fastClient())) {
        upload = client.upload("line", CSV);
        awaitUntil("the upload job exists", () -> !server.jobs().isEmpty());
      }
      assertInstanceOf(IllegalStateException.class, failure(upload, IllegalStateException.class));
    }
  }

  private static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) {
    CompletionException thrown = assertThrows(CompletionException.class, future::join);
    return assertInstanceOf(type, thrown.getCause());
  }
}
