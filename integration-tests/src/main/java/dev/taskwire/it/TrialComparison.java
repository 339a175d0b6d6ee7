package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A grid search where a failed trial is data, not a reason to stop: {@code compare} takes the
 * outcome of each trial, in grid order, and is the only dependent of {@code train}.
 */
public class TrialComparison {
  final Trials trials;

  /** What {@code compare} received. */
  volatile List<Outcome<Trials.Score>> compared;

  TrialComparison(Trials trials) {
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

  @Task
  int compare(@DependsOn("train") List<Outcome<Trials.Score>> scores) {
    compared = scores;
    return (int) scores.stream().filter(Outcome::isSuccess).count();
  }
}
