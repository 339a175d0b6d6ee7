package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.store.FileResultStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fan-out, partial runs, resume and result stores through a generated runner's typed API. */
@Timeout(60)
class ExperimentTest {
  private final Experiment experiment = new Experiment();

  @RepeatedTest(5)
  void oneTrainingPerSeedTwoAtATimeAndTheBestIsKept() {
    ExperimentRunner.Results results = new ExperimentRunner(experiment).run();
    List<Experiment.Score> scores = results.train();
    assertEquals(List.of(1, 2, 3, 4, 5, 6), scores.stream().map(Experiment.Score::seed).toList());
    assertEquals(4, results.best().seed());
    assertEquals("best seed 4", results.report());
    assertEquals(2, experiment.peakTraining.get());
  }

  @Test
  void aPartialRunRunsOnlyTheTargetAndWhatItNeeds() {
    ExperimentRunner.Results results =
        new ExperimentRunner(experiment).runOnly(ExperimentRunner.Target.best);
    assertEquals(4, results.best().seed());
    assertTrue(
        !experiment.ran.contains("report") && !experiment.ran.contains("unrelated"),
        experiment.ran.toString());
    IllegalStateException notRun = assertThrows(IllegalStateException.class, results::report);
    assertEquals(
        "task 'report' of dev.taskwire.it.Experiment has no result: it was left out: it"
            + " is neither a target of the run nor a prerequisite of one",
        notRun.getMessage());
  }

  @Test
  void severalTargets() {
    ExperimentRunner.Results results =
        new ExperimentRunner(experiment)
            .runOnly(ExperimentRunner.Target.data, ExperimentRunner.Target.unrelated);
    assertEquals("rows", results.data());
    assertEquals("x", results.unrelated());
    assertEquals(List.of("data", "unrelated"), experiment.ran.stream().sorted().toList());
  }

  @RepeatedTest(3)
  void aFailedTrainingIsNamedByItsSeedAndResumingRedoesOnlyTheUnfinishedWork() {
    experiment.failingSeed = 3;
    ExperimentRunner runner = new ExperimentRunner(experiment);
    PipelineException failure = assertThrows(PipelineException.class, runner::run);
    assertEquals("train[2]", failure.failedTask());
    assertEquals("training with seed 3 diverged", failure.getCause().getMessage());
    experiment.failingSeed = 0;
    experiment.trainAlone();
    experiment.ran.clear();
    ExperimentRunner.Results resumed = runner.resume(failure);
    assertEquals("best seed 4", resumed.report());
    assertTrue(
        !experiment.ran.contains("seeds") && !experiment.ran.contains("data"),
        "sources kept their results: " + experiment.ran);
    assertTrue(experiment.ran.contains("train 3"), experiment.ran.toString());
    // Trainings that succeeded before the failure kept their scores: each seed succeeded once.
    assertEquals(List.of(1, 2, 3, 4, 5, 6), experiment.trained.stream().sorted().toList());
    assertEquals(1, experiment.ran.stream().filter("best"::equals).count());
  }

  @Test
  void aResultStoreLetsALaterRunSkipEverythingItAlreadyDid(@TempDir Path store) {
    RunOptions options = RunOptions.defaults().resultStore(FileResultStore.in(store));
    assertEquals("best seed 4", new ExperimentRunner(experiment, options).run().report());
    Experiment later = new Experiment(); // as in a new process
    assertEquals("best seed 4", new ExperimentRunner(later, options).run().report());
    assertEquals(List.of(), later.ran);
  }
}
