package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * A grid search of 50 trainings, for a process that is killed in the middle of it: each training
 * writes its configuration to a file as it starts, and the configurations in {@code hanging} never
 * finish.
 */
public class GridSearch {
  /** One configuration's trained model; Serializable so that a result store can keep it. */
  public record Trained(int config, double error) implements Serializable {}

  private final Path calls;
  private final Set<Integer> hanging;

  public GridSearch(Path calls, Set<Integer> hanging) {
    this.calls = calls;
    this.hanging = hanging;
  }

  @Task
  List<Integer> grid() {
    return IntStream.rangeClosed(1, 50).boxed().toList();
  }

  @Task
  Trained train(@ForEach("grid") int config) throws InterruptedException {
    started(config);
    if (hanging.contains(config)) {
      new CountDownLatch(1).await(); // until the process is killed
    }
    return new Trained(config, 1.0 / config);
  }

  @Task
  Trained best(@DependsOn("train") List<Trained> trained) {
    return trained.stream().min(Comparator.comparingDouble(Trained::error)).orElseThrow();
  }

  private synchronized void started(int config) {
    try {
      Files.writeString(
          calls,
          config + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
