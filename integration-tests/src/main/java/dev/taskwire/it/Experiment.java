package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data scientist's experiment: one training per seed, at most two at a time, keep the best, then
 * report; and an unrelated task that a partial run leaves out.
 */
public class Experiment {
  /** A trained model's score; Serializable so that result stores can keep it. */
  public record Score(int seed, double error) implements Serializable {}

  final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger training = new AtomicInteger();
  final AtomicInteger peakTraining = new AtomicInteger();

  /** The seeds whose training succeeded, in the order they did. */
  final List<Integer> trained = Collections.synchronizedList(new ArrayList<>());

  /** Trainings meet in pairs, so with a limit of two they must overlap; null to train alone. */
  private volatile CyclicBarrier pairs = new CyclicBarrier(2);

  /** The seed whose training fails, or 0 for none. */
  volatile int failingSeed;

  /** For a resumed run, which may train a single seed: no partner would come. */
  void trainAlone() {
    pairs = null;
  }

  @Task
  List<Integer> seeds() {
    ran.add("seeds");
    return List.of(1, 2, 3, 4, 5, 6);
  }

  @Task
  String data() {
    ran.add("data");
    return "rows";
  }

  @Task(maxConcurrency = 2)
  Score train(@ForEach("seeds") int seed, @DependsOn("data") String data) throws Exception {
    peakTraining.accumulateAndGet(training.incrementAndGet(), Math::max);
    try {
      ran.add("train " + seed);
      CyclicBarrier partner = pairs;
      if (partner != null) {
        partner.await(10, TimeUnit.SECONDS);
      }
      if (seed == failingSeed) {
        throw new IllegalStateException("training with seed " + seed + " diverged");
      }
      trained.add(seed);
      return new Score(seed, Math.abs(seed - 4) + data.length() / 100.0);
    } finally {
      training.decrementAndGet();
    }
  }

  @Task
  Score best(@DependsOn("train") List<Score> scores) {
    ran.add("best");
    return scores.stream().min(Comparator.comparingDouble(Score::error)).orElseThrow();
  }

  @Task
  String report(@DependsOn("best") Score best) {
    ran.add("report");
    return "best seed " + best.seed();
  }

  @Task
  String unrelated() {
    ran.add("unrelated");
    return "x";
  }
}
