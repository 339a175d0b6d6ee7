package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.Outcome;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A dependent that declares {@code @DependsOn("train") List<Outcome<Score>>} receives the outcome
 * of each element of fan-out {@code train}, in input order, and runs even when some failed.
 */
@Timeout(60)
class ElementOutcomesTest {
  @Test
  void underFailFastTheDependentReceivesEveryOutcomeAndTheRunSucceeds() {
    Trials trials = new Trials(1, -1);
    TrialComparison pipeline = new TrialComparison(trials);
    TrialComparisonRunner.Results results = new TrialComparisonRunner(pipeline).run();

    assertEquals(3, results.compare());
    List<Outcome<Trials.Score>> compared = pipeline.compared;
    assertEquals(4, compared.size());
    assertEquals(new Trials.Score(0, 0), compared.get(0).value());
    assertFalse(compared.get(1).isSuccess());
    assertSame(trials.divergence, compared.get(1).failure());
    assertEquals(new Trials.Score(2, 1), compared.get(2).value());
    assertEquals(new Trials.Score(3, 1.5), compared.get(3).value());
    // The fan-out as a whole failed: its list has no value, its outcomes have.
    IllegalStateException noList = assertThrows(IllegalStateException.class, results::train);
    assertEquals(
        "task 'train' of dev.taskwire.it.TrialComparison has no result: it failed with"
            + " java.lang.IllegalStateException: the training diverged",
        noList.getMessage());
    assertEquals(
        List.of(true, false, true, true),
        results.trainOutcomes().stream().map(Outcome::isSuccess).toList());
  }

  /**
   * Trial 2 waits until a listener has heard that trial 1 failed, and trial 1 fails only once trial
   * 2 waits: had the failure stopped its siblings, trial 2 would have been interrupted (or never
   * run), and its outcome would be a failure.
   */
  @RepeatedTest(5)
  void aFailingElementDoesNotStopItsSiblings() {
    Trials trials = new Trials(1, 2);
    TaskListener listener =
        new TaskListener() {
          @Override
          public void taskFailed(TaskEvent event) {
            if (event.task().equals("train[1]")) {
              trials.failureSeen.countDown();
            }
          }
        };
    TrialComparison pipeline = new TrialComparison(trials);
    TrialComparisonRunner.Results results =
        new TrialComparisonRunner(pipeline, RunOptions.defaults().listener(listener)).run();

    List<Outcome<Trials.Score>> compared = pipeline.compared;
    assertTrue(compared.get(2).isSuccess(), "trial 2: " + compared.get(2));
    assertEquals(new Trials.Score(2, 1), compared.get(2).value());
    assertSame(trials.divergence, compared.get(1).failure());
    assertEquals(3, results.compare());
  }

  /** best needs every score, so the failed trial fails the run as it always did. */
  @Test
  void aDependentOfTheWholeListIsSkippedAndTheRunFails() {
    Trials trials = new Trials(1, -1);
    TrialComparisonWithBest pipeline = new TrialComparisonWithBest(trials);
    PipelineException failure =
        assertThrows(PipelineException.class, new TrialComparisonWithBestRunner(pipeline)::run);

    assertEquals("train[1]", failure.failedTask());
    assertSame(trials.divergence, failure.getCause());
    IllegalStateException skipped =
        assertThrows(
            IllegalStateException.class,
            TrialComparisonWithBestRunner.partialResults(failure)::best);
    assertEquals(
        "task 'best' of dev.taskwire.it.TrialComparisonWithBest has no result: it did not run"
            + " because task 'train' failed",
        skipped.getMessage());
    assertEquals(List.of("train[1]"), List.copyOf(failure.failures().keySet()));
  }

  @Test
  void keepingGoingPartialResultsGiveTheTrialsThatSucceeded() {
    Trials trials = new Trials(1, -1);
    TrialComparisonWithBest pipeline = new TrialComparisonWithBest(trials);
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            new TrialComparisonWithBestRunner(
                    pipeline, RunOptions.defaults().onFailure(FailurePolicy.KEEP_GOING))
                ::run);
    TrialComparisonWithBestRunner.Results partial =
        TrialComparisonWithBestRunner.partialResults(failure);

    List<Outcome<Trials.Score>> outcomes = partial.trainOutcomes();
    assertEquals(4, outcomes.size());
    assertEquals(new Trials.Score(0, 0), outcomes.get(0).value());
    assertSame(trials.divergence, outcomes.get(1).failure());
    assertEquals(new Trials.Score(2, 1), outcomes.get(2).value());
    assertEquals(new Trials.Score(3, 1.5), outcomes.get(3).value());
    assertThrows(IllegalStateException.class, partial::train);
    assertThrows(IllegalStateException.class, partial::best);
    // compare, through its wildcard, took the same outcomes.
    assertEquals(3, partial.compare());
    assertSame(trials.divergence, pipeline.compared.get(1).failure());
  }

  @Test
  void whenEveryTrialSucceedsTheOutcomesAreTheirScores() {
    TrialComparison pipeline = new TrialComparison(new Trials(-1, -1));
    TrialComparisonRunner.Results results = new TrialComparisonRunner(pipeline).run();

    assertEquals(4, results.compare());
    assertTrue(pipeline.compared.stream().allMatch(Outcome::isSuccess));
    List<Trials.Score> scores =
        List.of(
            new Trials.Score(0, 0),
            new Trials.Score(1, 0.5),
            new Trials.Score(2, 1),
            new Trials.Score(3, 1.5));
    assertEquals(scores, pipeline.compared.stream().map(Outcome::value).toList());
    assertEquals(scores, results.trainOutcomes().stream().map(Outcome::value).toList());
    assertEquals(scores, results.train());
  }
}
