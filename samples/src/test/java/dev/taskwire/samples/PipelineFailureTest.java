package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.assertOwnThreadsEnd;
import static dev.taskwire.samples.TestSupport.assertPortClosed;
import static dev.taskwire.samples.TestSupport.awaitUntil;
import static dev.taskwire.samples.TestSupport.fastClient;
import static dev.taskwire.samples.TestSupport.fastServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.samples.automl.client.AutoMlException;
import dev.taskwire.samples.automl.client.ClientConfig;
import dev.taskwire.samples.automl.client.DatasetRef;
import dev.taskwire.samples.automl.client.JobFailedException;
import dev.taskwire.samples.automl.client.MalformedResponseException;
import dev.taskwire.samples.automl.client.NoAnswerException;
import dev.taskwire.samples.automl.client.RequestRejectedException;
import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.Faults;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.JobState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Each way the service can fail ends the run with a PipelineException that names the right task and
 * carries the server's message; the tasks that depended on it never ran; and closing the sample
 * leaves no thread of ours and no open port behind.
 */
@Timeout(60)
class PipelineFailureTest {
  private final PipelineInput input = HousingData.load().customer(0, 200, 20);

  @RepeatedTest(3)
  void aFailedTrainingJob() throws Exception {
    Outcome outcome =
        run(Faults.none().failJobs(JobKind.TRAINING), fastClient(), PipelineFailureTest::plain);
    assertEquals("train", outcome.failure.failedTask());
    JobFailedException cause =
        assertInstanceOf(JobFailedException.class, outcome.failure.getCause());
    assertEquals("the training worker crashed (injected fault)", cause.serverMessage());
    assertTrue(cause.getMessage().contains("job " + cause.jobId()), cause.getMessage());
    assertSucceeded(outcome.execution.uploadTrain());
    assertSucceeded(outcome.execution.uploadForecast());
    assertNeverRan(
        outcome.execution.bestModel(),
        outcome.execution.predict(),
        outcome.execution.downloadPredictions(),
        outcome.execution.summarize());
  }

  /**
   * The forecast upload is refused while the training upload is open on the server (held there, and
   * the forecast upload starts only once it is): the run stops, the independent upload is
   * cancelled, and its job is stopped remotely.
   */
  @RepeatedTest(3)
  void aRejectedUploadCancelsTheIndependentOne() throws Exception {
    Outcome outcome =
        run(
            Faults.none().rejectUploadsNamed("forecast"),
            fastClient(),
            (services, input) -> {
              AutoMlServer server = services.server();
              server.holdJobs(JobKind.UPLOAD, "train");
              return new Pipeline(services.client(), input) {
                @Override
                CompletableFuture<DatasetRef> uploadForecast() {
                  awaitUntil("the train upload is on the server", () -> !server.jobs().isEmpty());
                  return super.uploadForecast();
                }
              };
            });
    assertEquals("uploadForecast", outcome.failure.failedTask());
    RequestRejectedException cause =
        assertInstanceOf(RequestRejectedException.class, outcome.failure.getCause());
    assertEquals(422, cause.status());
    assertTrue(cause.serverMessage().contains("data set 'forecast' rejected"), cause.getMessage());
    assertThrows(
        CancellationException.class,
        outcome.execution.uploadTrain()::join,
        "uploadTrain does not depend on uploadForecast: it was cancelled, not failed");
    assertNeverRan(outcome.execution.train(), outcome.execution.predict());
    assertEquals(1, outcome.failure.failures().size(), "the cancellation is no failure");
    AutoMlServer.JobSummary trainUpload = outcome.serverJobs.get(0);
    assertEquals("train", trainUpload.label());
    assertEquals(JobState.FAILED, trainUpload.state());
    assertEquals("stopped at the client's request", trainUpload.error());
  }

  @RepeatedTest(3)
  void aServerThatStopsAnswering() throws Exception {
    ClientConfig impatient = fastClient().withRequestTimeout(Duration.ofMillis(300));
    Outcome outcome =
        run(Faults.none().goSilentFrom(JobKind.PREDICTION), impatient, PipelineFailureTest::plain);
    assertEquals("predict", outcome.failure.failedTask());
    NoAnswerException cause = assertInstanceOf(NoAnswerException.class, outcome.failure.getCause());
    assertEquals("POST /api/v1/predictions", cause.call());
    assertSucceeded(outcome.execution.bestModel());
    assertNeverRan(outcome.execution.downloadPredictions(), outcome.execution.summarize());
  }

  @RepeatedTest(3)
  void malformedJsonFromTheServer() throws Exception {
    Outcome outcome =
        run(
            Faults.none().garbleStatusOf(JobKind.TRAINING),
            fastClient(),
            PipelineFailureTest::plain);
    assertEquals("train", outcome.failure.failedTask());
    MalformedResponseException cause =
        assertInstanceOf(MalformedResponseException.class, outcome.failure.getCause());
    assertTrue(cause.call().startsWith("GET /api/v1/jobs/job-"), cause.call());
    assertNeverRan(outcome.execution.bestModel());
  }

  /** What a failed run left: its exception, its execution's futures, the server's jobs. */
  private record Outcome(
      PipelineException failure,
      PipelineRunner.Execution execution,
      List<AutoMlServer.JobSummary> serverJobs) {}

  /** Builds the pipeline under test, and may prepare the server for it. */
  private interface Setup {
    Pipeline pipeline(SampleServices services, PipelineInput input);
  }

  private Outcome run(Faults faults, ClientConfig client, Setup setup) throws Exception {
    assertOwnThreadsEnd(); // none from an earlier test
    int port;
    Outcome outcome;
    try (SampleServices services = SampleServices.start(fastServer().faults(faults), client, 4)) {
      AutoMlServer server = services.server();
      port = server.port();
      PipelineRunner.Execution execution =
          new PipelineRunner(setup.pipeline(services, input), services.runOptions()).start();
      PipelineException failure = assertThrows(PipelineException.class, execution::await);
      assertInstanceOf(AutoMlException.class, failure.getCause());
      awaitUntil("no job is left open on the server", () -> openJobs(server) == 0);
      outcome = new Outcome(failure, execution, server.jobs());
    }
    assertOwnThreadsEnd();
    assertPortClosed(port);
    return outcome;
  }

  private static Pipeline plain(SampleServices services, PipelineInput input) {
    return new Pipeline(services.client(), input);
  }

  private static int openJobs(AutoMlServer server) {
    int open = 0;
    for (JobKind kind : JobKind.values()) {
      open += server.openJobs(kind);
    }
    return open;
  }

  private static void assertSucceeded(CompletableFuture<?> task) {
    assertTrue(task.isDone() && !task.isCompletedExceptionally(), "task succeeded: " + task);
  }

  /** A task that never ran: its future completes exceptionally with the run's failure. */
  private static void assertNeverRan(CompletableFuture<?>... tasks) {
    for (CompletableFuture<?> task : tasks) {
      CompletionException thrown = assertThrows(CompletionException.class, task::join);
      assertInstanceOf(PipelineException.class, thrown.getCause());
    }
  }
}
