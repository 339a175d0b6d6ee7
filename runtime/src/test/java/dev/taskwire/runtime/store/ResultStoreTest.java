package dev.taskwire.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.internal.PipelineRun;
import dev.taskwire.runtime.internal.TestPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ResultStoreTest {
  @TempDir Path directory;

  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<String> dataFile = new AtomicReference<>("train.csv");
  private final AtomicBoolean predictFails = new AtomicBoolean(false);

  /** A new graph and store each time, as a new process would have. */
  private PipelineRun run() {
    TestPipeline pipeline =
        new TestPipeline()
            .value("path", r -> record("path", dataFile.get()))
            .value("load", r -> record("load", List.of(r.value(0) + ":rows")), "path")
            .value("train", r -> record("train", "model of " + r.value(1)), "load")
            .value(
                "predict",
                r -> {
                  record("predict", null);
                  if (predictFails.get()) {
                    throw new IOException("service down");
                  }
                  return "predictions by " + r.value(2);
                },
                "train")
            .task("audit", TaskKind.VOID, r -> record("audit", null), "train");
    return pipeline.run(RunOptions.defaults().resultStore(FileResultStore.in(directory)));
  }

  private Object record(String task, Object value) {
    ran.add(task);
    return value;
  }

  @Test
  void aSecondProcessReusesEveryStoredResult() {
    assertEquals("predictions by model of [train.csv:rows]", run().value(3));
    ran.clear();
    PipelineRun again = run();
    assertEquals("predictions by model of [train.csv:rows]", again.value(3));
    // Void tasks have nothing to store, so they run every time.
    assertEquals(List.of("audit"), ran);
  }

  @Test
  void aChangedInputRunsEverythingDownstreamOfItAgain() throws IOException {
    run();
    ran.clear();
    dataFile.set("train-v2.csv");
    run();
    // 'path' reads a field, which is not part of its key: its stored result is stale...
    assertEquals(List.of("audit"), ran);
    ran.clear();
    // ...until it is forgotten; then every task downstream of its new result misses too.
    FileResultStore.in(directory.resolve("test.Pipeline/path")).clear();
    assertEquals("predictions by model of [train-v2.csv:rows]", run().value(3));
    assertEquals(List.of("path", "load", "train"), ran.subList(0, 3));
    assertEquals(5, ran.size());
  }

  @Test
  void afterAFailureANewProcessRedoesOnlyWhatFailed() {
    predictFails.set(true);
    assertThrows(PipelineException.class, this::run);
    ran.clear();
    predictFails.set(false);
    assertEquals("predictions by model of [train.csv:rows]", run().value(3));
    assertTrue(ran.containsAll(List.of("predict", "audit")), ran.toString());
    assertEquals(2, ran.size(), ran.toString());
  }

  @Test
  void unserializableInputsAndResultsAreNeverStored() throws IOException {
    Object notSerializable = new Object();
    TestPipeline pipeline =
        new TestPipeline()
            .value("handle", r -> record("handle", notSerializable))
            .value("use", r -> record("use", "used"), "handle");
    RunOptions options = RunOptions.defaults().resultStore(FileResultStore.in(directory));
    pipeline.run(options);
    pipeline.run(options);
    assertEquals(List.of("handle", "use", "handle", "use"), ran);
    try (Stream<Path> files = Files.walk(directory)) {
      assertEquals(0, files.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void aBrokenStoreCostsTimeButNeverAResult() {
    ResultStore broken =
        new ResultStore() {
          @Override
          public Optional<Object> load(ResultKey key) throws IOException {
            throw new IOException("disk gone");
          }

          @Override
          public void save(ResultKey key, Object result) throws IOException {
            throw new IOException("disk gone");
          }
        };
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> record("a", 1))
            .value("b", r -> record("b", r.<Integer>value(0) + 1), "a")
            .run(RunOptions.defaults().resultStore(broken));
    assertEquals(2, run.<Integer>value(1));
  }

  @Test
  void aResultWhoseLookUpThrewIsSavedUnderTheKeyItWasLookedUpUnder() {
    List<ResultKey> loaded = Collections.synchronizedList(new ArrayList<>());
    List<ResultKey> saved = Collections.synchronizedList(new ArrayList<>());
    ResultStore unreadable =
        new ResultStore() {
          @Override
          public Optional<Object> load(ResultKey key) throws IOException {
            loaded.add(key);
            throw new IOException("entry unreadable");
          }

          @Override
          public void save(ResultKey key, Object result) {
            saved.add(key);
          }
        };
    PipelineRun run =
        new TestPipeline()
            .value("a", r -> record("a", 1))
            .value("b", r -> record("b", r.<Integer>value(0) + 1), "a")
            .run(RunOptions.defaults().resultStore(unreadable));
    assertEquals(2, run.<Integer>value(1));
    assertEquals(List.of("a", "b"), ran);
    assertEquals(loaded, saved, "each task's result replaces the entry that could not be read");
  }

  @Test
  void theFileStoreRoundTripsAndClears() throws IOException {
    FileResultStore store = FileResultStore.in(directory.resolve("cache"));
    ResultKey key = new ResultKey("p.Pipeline", "train", "abc123");
    assertEquals(Optional.empty(), store.load(key));
    store.save(key, new ArrayList<>(List.of("model")));
    assertEquals(Optional.of(List.of("model")), store.load(key));
    assertTrue(Files.exists(directory.resolve("cache/p.Pipeline/train/_/abc123.ser")));
    store.clear();
    assertEquals(Optional.empty(), store.load(key));
  }

  @Test
  void aCorruptFileIsAMissAndTheTaskRunsAgain() throws IOException {
    run();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.writeString(file, "not a serialized object");
      }
    }
    ran.clear();
    assertEquals("predictions by model of [train.csv:rows]", run().value(3));
    assertEquals(5, ran.size());
  }

  /** Serializable, but its serialization fails. */
  private static final class Unwritable implements java.io.Serializable {
    private void writeObject(java.io.ObjectOutputStream out) throws IOException {
      throw new IOException("cannot write this one");
    }
  }

  @Test
  void anInputWhoseSerializationFailsRunsItsTaskWithoutTheStore() {
    PipelineRun run =
        new TestPipeline()
            .value("odd", r -> record("odd", new Unwritable()))
            .value("use", r -> record("use", "used"), "odd")
            .run(RunOptions.defaults().resultStore(FileResultStore.in(directory)));
    assertEquals("used", run.value(1));
    assertEquals(List.of("odd", "use"), ran);
  }

  @Test
  void aResultLoadedFromTheStoreIsNotWrittenAgain() throws IOException {
    List<ResultKey> saved = Collections.synchronizedList(new ArrayList<>());
    FileResultStore files = FileResultStore.in(directory);
    ResultStore counting =
        new ResultStore() {
          @Override
          public Optional<Object> load(ResultKey key) throws IOException {
            return files.load(key);
          }

          @Override
          public void save(ResultKey key, Object result) throws IOException {
            saved.add(key);
            files.save(key, result);
          }
        };
    TestPipeline pipeline = new TestPipeline().value("a", r -> record("a", 1));
    pipeline.run(RunOptions.defaults().resultStore(counting));
    pipeline.run(RunOptions.defaults().resultStore(counting));
    assertEquals(1, saved.size());
    assertEquals(List.of("a"), ran);
  }
}
