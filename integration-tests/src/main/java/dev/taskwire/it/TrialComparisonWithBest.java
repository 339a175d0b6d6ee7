package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@link TrialComparison} with a second dependent of {@code train}, {@code best}, that needs every
 * trial's score: a failed trial fails the run.
 */
public class TrialComparisonWithBest {
  final Trials trials;

  /** What {@code compare} received. */
  volatile List<Outcome<? extends Trials.Score>> compared;

  TrialComparisonWithBest(Trials trials) {
    this.trials = trials;
  }

  @Task
  List<Integer> grid() {
    return Trials.GRID;
  }

  @Task
  Trials.Score train(@ForEach("grid") int trial) throws InterruptedException, TimeoutException {
    return trials.train(trial);
  }

  /** Takes the outcomes through a wildcard, which the runner passes as well. */
  @Task
  int compare(@DependsOn("train") List<Outcome<? extends Trials.Score>> scores) {
    compared = scores;
    return (int) scores.stream().filter(Outcome::isSuccess).count();
  }

  @Task
  Trials.Score best(@DependsOn("train") List<Trials.Score> scores) {
    return scores.stream().min(Comparator.comparingDouble(Trials.Score::error)).orElseThrow();
  }
}
