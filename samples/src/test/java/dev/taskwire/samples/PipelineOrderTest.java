package dev.taskwire.samples;

import static dev.taskwire.samples.TestSupport.awaitUntil;
import static dev.taskwire.samples.TestSupport.fastClient;
import static dev.taskwire.samples.TestSupport.fastServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.samples.automl.server.AutoMlServer;
import dev.taskwire.samples.automl.server.JobKind;
import dev.taskwire.samples.automl.server.ServerEvent;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The order in which the pipeline's requests reach the service, read from the server's own event
 * log and proven with held jobs, never from the client's clock.
 */
@Timeout(60)
class PipelineOrderTest {
  private final PipelineInput input = HousingData.load().customer(0, 300, 30);

  /**
   * With uploads held open on the server, both upload jobs are open at the same moment, which is
   * overlap by definition; a sequential client would never get the second one started.
   */
  @RepeatedTest(3)
  void theTwoUploadsOverlap() throws Exception {
    try (SampleServices services = SampleServices.start(fastServer(), fastClient(), 4)) {
      AutoMlServer server = services.server();
      server.holdJobs(JobKind.UPLOAD);
      PipelineRunner.Execution run = runner(services).start();
      awaitUntil("both uploads are open on the server", () -> server.openJobs(JobKind.UPLOAD) == 2);
      server.releaseJobs(JobKind.UPLOAD);
      run.await();

      List<ServerEvent> events = server.events().snapshot();
      ServerEvent trainCreated = event(events, ServerEvent.Type.CREATED, JobKind.UPLOAD, "train");
      ServerEvent trainDone = event(events, ServerEvent.Type.DONE, JobKind.UPLOAD, "train");
      ServerEvent forecastCreated =
          event(events, ServerEvent.Type.CREATED, JobKind.UPLOAD, "forecast");
      ServerEvent forecastDone = event(events, ServerEvent.Type.DONE, JobKind.UPLOAD, "forecast");
      assertTrue(
          trainCreated.sequence() < forecastDone.sequence()
              && forecastCreated.sequence() < trainDone.sequence(),
          "upload intervals overlap");
      assertEquals(2, server.peakOpenJobs(JobKind.UPLOAD));
    }
  }

  /**
   * Training starts the moment the training set is stored, while the forecast upload is still open;
   * training is requested only after its own upload is done; prediction only after both the
   * training and the forecast upload are done.
   */
  @RepeatedTest(3)
  void eachStepIsRequestedOnlyAfterItsPrerequisitesAndNoLater() throws Exception {
    try (SampleServices services = SampleServices.start(fastServer(), fastClient(), 4)) {
      AutoMlServer server = services.server();
      server.holdJobs(JobKind.UPLOAD, "forecast");
      PipelineRunner.Execution run = runner(services).start();
      awaitUntil(
          "training is requested while the forecast upload is held",
          () -> server.peakOpenJobs(JobKind.TRAINING) > 0);
      assertEquals(1, server.openJobs(JobKind.UPLOAD), "the forecast upload is still open");
      server.releaseJobs(JobKind.UPLOAD, "forecast");
      PipelineRunner.Results results = run.await();

      List<ServerEvent> events = server.events().snapshot();
      ServerEvent trainDone = event(events, ServerEvent.Type.DONE, JobKind.UPLOAD, "train");
      ServerEvent forecastDone = event(events, ServerEvent.Type.DONE, JobKind.UPLOAD, "forecast");
      String trainingSet = results.uploadTrain().id();
      ServerEvent trainingCreated =
          event(events, ServerEvent.Type.CREATED, JobKind.TRAINING, trainingSet);
      ServerEvent trainingDone =
          event(events, ServerEvent.Type.DONE, JobKind.TRAINING, trainingSet);
      ServerEvent predictionCreated =
          events.stream()
              .filter(e -> e.type() == ServerEvent.Type.CREATED && e.kind() == JobKind.PREDICTION)
              .findFirst()
              .orElseThrow();
      assertTrue(trainDone.sequence() < trainingCreated.sequence(), "train after its upload");
      assertTrue(
          trainingCreated.sequence() < forecastDone.sequence(),
          "train did not wait for the forecast upload");
      assertTrue(trainingDone.sequence() < predictionCreated.sequence(), "predict after train");
      assertTrue(
          forecastDone.sequence() < predictionCreated.sequence(),
          "predict after the forecast upload");
      assertEquals(
          results.bestModel().id() + " on " + results.uploadForecast().id(),
          predictionCreated.label());
    }
  }

  private PipelineRunner runner(SampleServices services) {
    return new PipelineRunner(new Pipeline(services.client(), input), services.runOptions());
  }

  private static ServerEvent event(
      List<ServerEvent> events, ServerEvent.Type type, JobKind kind, String label) {
    return events.stream()
        .filter(e -> e.type() == type && e.kind() == kind && e.label().equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + type + " event for " + kind + " " + label + " in " + events));
  }
}
