package dev.taskwire.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.internal.PipelineRun;
import dev.taskwire.runtime.internal.TestPipeline;
import dev.taskwire.runtime.serial.RejectedClassException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store directory is data: its files are read back only as the classes the tasks declare, so a
 * file replaced by someone else costs a recomputation, never code of theirs.
 */
@Timeout(30)
class StoreAllowListTest {
  @TempDir Path directory;
  @TempDir Path elsewhere;

  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  /** A Serializable class elsewhere on the class path whose readObject does something. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String touch;

    Gadget(Path touch) {
      this.touch = touch.toString();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      Files.createFile(Path.of(touch));
    }
  }

  record Point(int x, int y) implements Serializable {}

  private Object record(String task, Object value) {
    ran.add(task);
    return value;
  }

  private PipelineRun run(RunOptions options) {
    return new TestPipeline()
        .value("load", r -> record("load", List.of("a", "bb")))
        .returning(List.class)
        .value("count", r -> record("count", r.<List<String>>value(0).size()), "load")
        .returning(Integer.class)
        .value("point", r -> record("point", new Point(1, 2)))
        .returning(Point.class)
        .run(options.resultStore(FileResultStore.in(directory)));
  }

  private PipelineRun run() {
    return run(RunOptions.defaults());
  }

  private List<Path> storedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static void write(Path file, Object value) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(value);
    }
  }

  @Test
  void theDeclaredClassesOfEveryResultReadBack() {
    run();
    ran.clear();
    PipelineRun again = run();
    assertEquals(List.of(), ran);
    assertEquals(2, again.<Integer>value(1));
    assertEquals(new Point(1, 2), again.value(2));
  }

  @Test
  void aForeignClassInAStoredFileIsNeverCreatedAndTheTaskRunsAgain() throws IOException {
    run();
    Path touched = elsewhere.resolve("touched");
    for (Path file : storedFiles()) {
      write(file, new Gadget(touched));
    }
    ran.clear();
    PipelineRun again = run();
    assertFalse(Files.exists(touched), "the foreign class's readObject ran");
    assertEquals(List.of("count", "load", "point"), ran.stream().sorted().toList());
    assertEquals(2, again.<Integer>value(1));
    assertEquals(new Point(1, 2), again.value(2));
  }

  @Test
  void theStoreRefusesAForeignClassNamingItAndTheTask() throws IOException {
    run();
    Path touched = elsewhere.resolve("touched");
    for (Path file : storedFiles()) {
      write(file, new Gadget(touched));
    }
    FileResultStore store = FileResultStore.in(directory);
    List<ResultKey> keys = new ArrayList<>();
    ResultStore spy =
        new ResultStore() {
          @Override
          public java.util.Optional<Object> load(ResultKey key) {
            keys.add(key);
            return java.util.Optional.empty();
          }

          @Override
          public void save(ResultKey key, Object result) {}
        };
    new TestPipeline()
        .value("load", r -> List.of("a", "bb"))
        .returning(List.class)
        .run(RunOptions.defaults().resultStore(spy));
    RejectedClassException refused =
        assertThrows(RejectedClassException.class, () -> store.load(keys.get(0)));
    assertEquals(Gadget.class.getName(), refused.className());
    assertEquals("the result of task 'load' of test.Pipeline", refused.what());
    assertFalse(Files.exists(touched));
  }

  @Test
  void aStoredValueOfTheWrongTypeIsAMissNotAClassCastExceptionInADependent() throws IOException {
    run();
    for (Path file : storedFiles()) {
      if (file.getParent().getParent().getFileName().toString().equals("load")) { // task/code/
        write(file, "a string, where a List belongs");
      }
    }
    ran.clear();
    PipelineRun again = run();
    assertEquals(List.of("load"), ran);
    assertEquals(List.of("a", "bb"), again.value(0));
    assertEquals(2, again.<Integer>value(1));
  }

  @Test
  void aClassTheGraphDoesNotDeclareIsReadOnlyWhenTheOptionsAllowIt() {
    TestPipeline pipeline =
        new TestPipeline()
            .value("shape", r -> record("shape", new Point(3, 4)))
            .returning(Object.class); // what a task declared as returning Object looks like
    RunOptions options = RunOptions.defaults().resultStore(FileResultStore.in(directory));
    pipeline.run(options);
    pipeline.run(options);
    assertEquals(List.of("shape", "shape"), ran);
    ran.clear();
    RunOptions allowing = options.allowDeserializing(Point.class);
    pipeline.run(allowing);
    assertEquals(List.of(), ran);
    assertEquals(new Point(3, 4), pipeline.run(allowing).value(0));
  }
}
