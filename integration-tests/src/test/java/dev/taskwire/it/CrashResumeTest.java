package dev.taskwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.store.FileResultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed in the middle of a fan-out loses only the elements it had not finished: a new
 * process on the same store directory trains exactly those.
 */
@Timeout(180)
class CrashResumeTest {
  private static final String PIPELINE = GridSearch.class.getName();

  @TempDir Path directory;

  /** The child process: runs the grid search on a store directory, then prints the best. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path store = Path.of(args[0]);
      Path calls = Path.of(args[1]);
      Set<Integer> hanging =
          args.length > 2
              ? Arrays.stream(args[2].split(",")).map(Integer::valueOf).collect(Collectors.toSet())
              : Set.of();
      ExecutorService pool = Executors.newFixedThreadPool(4); // three hang, one goes on
      try {
        GridSearchRunner.Results results =
            new GridSearchRunner(
                    new GridSearch(calls, hanging),
                    RunOptions.defaults().executor(pool).resultStore(FileResultStore.in(store)))
                .run();
        System.out.println("best " + results.best().config());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private Process child(Path store, Path calls, String... hanging) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        Stream.concat(
                Stream.of(
                    java,
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Child.class.getName(),
                    store.toString(),
                    calls.toString()),
                Stream.of(hanging))
            .toList();
    return new ProcessBuilder(command)
        .redirectError(directory.resolve("child-stderr.txt").toFile())
        .redirectOutput(directory.resolve("child-stdout.txt").toFile())
        .start();
  }

  private static Set<Integer> startedIn(Path calls) throws IOException {
    if (!Files.exists(calls)) {
      return Set.of();
    }
    return Files.readAllLines(calls, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .map(Integer::valueOf)
        .collect(Collectors.toSet());
  }

  /** The element results the store holds: FileResultStore files them under the task's name. */
  private static long storedTrainings(Path store) throws IOException {
    Path train = store.resolve(PIPELINE).resolve("train");
    if (!Files.isDirectory(train)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(train)) {
      return files.filter(file -> file.toString().endsWith(".ser")).count();
    }
  }

  private String errors() {
    try {
      return Files.readString(directory.resolve("child-stderr.txt"));
    } catch (IOException unreadable) {
      return "(no error output: " + unreadable + ")";
    }
  }

  @Test
  void aKilledProcessesFinishedElementsAreNotTrainedAgain() throws Exception {
    Path store = directory.resolve("store");
    Path firstCalls = directory.resolve("first-calls.txt");
    Process first = child(store, firstCalls, "7,23,41");
    try {
      // All 50 started and 47 stored; 7, 23 and 41 never end: the fan-out is half done.
      while (startedIn(firstCalls).size() < 50 || storedTrainings(store) < 47) {
        assertTrue(first.isAlive(), () -> "the first process ended early: " + errors());
        Thread.sleep(20); // polling the child's files; no time is asserted
      }
      assertEquals(47, storedTrainings(store));
      assertTrue(first.isAlive(), "killed in the middle of the fan-out");
    } finally {
      first.destroyForcibly();
      assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    }

    Path secondCalls = directory.resolve("second-calls.txt");
    Process second = child(store, secondCalls);
    assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second process ends");
    assertEquals(0, second.exitValue(), () -> "the second process failed: " + errors());
    assertEquals(Set.of(7, 23, 41), startedIn(secondCalls), "only the unfinished elements run");
    assertEquals(
        "best 50",
        Files.readString(directory.resolve("child-stdout.txt")).strip(),
        "the stored elements' results count");
    assertEquals(50, storedTrainings(store));
  }
}
