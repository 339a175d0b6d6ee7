package dev.taskwire.runtime.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.internal.TestPipeline;
import dev.taskwire.runtime.serial.AllowList;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stored result that cannot be read back is a miss: the task runs, one line is logged, and the
 * result it returns is filed again under the same key, so that the next run finds it.
 */
@Timeout(30)
class FileResultStoreCorruptEntryTest {
  @TempDir Path directory;

  private final AtomicInteger calls = new AtomicInteger();

  /** What the task returns; its class name and serialVersionUID are patched in the stream. */
  static final class Model implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;

    Model(String name) {
      this.name = name;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Model model && model.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  /** Ways a stored file goes bad, each with the exception that reading it ends in. */
  enum Corruption {
    /** A process killed while the file system wrote it (the store itself renames whole files). */
    EMPTY("EOFException", bytes -> new byte[0]),
    TRUNCATED("EOFException", bytes -> Arrays.copyOf(bytes, bytes.length - 3)),
    GARBAGE("StreamCorruptedException", bytes -> "not a serialized object".getBytes(UTF_8)),
    /** Written by a build of Model with another serialVersionUID. */
    CLASS_CHANGED("InvalidClassException", bytes -> patchVersion(bytes)),
    /** Written by a build that had a class this one has not. */
    CLASS_GONE("ClassNotFoundException", bytes -> patchClassName(bytes));

    final String reason;
    final UnaryOperator<byte[]> damage;

    Corruption(String reason, UnaryOperator<byte[]> damage) {
      this.reason = reason;
      this.damage = damage;
    }
  }

  private static final byte[] MODEL_NAME = Model.class.getName().getBytes(UTF_8);

  /**
   * The class CLASS_GONE names. The allow-list admits it, as one derived by a build that had it
   * would; a class the list does not admit is refused before it is looked up (StoreAllowListTest).
   */
  private static final String GONE_NAME =
      Model.class.getName().substring(0, Model.class.getName().length() - 1) + "X";

  private static final Set<String> TRAIN_HOLDS = Set.of(Model.class.getName(), GONE_NAME);

  /** In a class descriptor, the serialVersionUID (8 bytes) follows the class name. */
  private static byte[] patchVersion(byte[] bytes) {
    byte[] patched = bytes.clone();
    int version = indexOf(patched, MODEL_NAME) + MODEL_NAME.length;
    patched[version + 7] = 2;
    return patched;
  }

  private static byte[] patchClassName(byte[] bytes) {
    byte[] patched = bytes.clone();
    int name = indexOf(patched, MODEL_NAME);
    patched[name + MODEL_NAME.length - 1] = 'X'; // ...$Model is now GONE_NAME, ...$ModeX
    return patched;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not in the stream");
  }

  private Object run() {
    return new TestPipeline()
        .value(
            "train",
            r -> {
              calls.incrementAndGet();
              return new Model("m");
            })
        .returning(Model.class, GONE_NAME)
        .value("report", r -> "report of " + r.<Model>value(0).name, "train")
        .run(RunOptions.defaults().resultStore(FileResultStore.in(directory)))
        .value(1);
  }

  private Path storedFileOfTrain() throws IOException {
    try (Stream<Path> files = Files.walk(directory.resolve("test.Pipeline/train"))) {
      List<Path> stored = files.filter(Files::isRegularFile).toList();
      assertEquals(1, stored.size(), stored.toString());
      return stored.get(0);
    }
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void aCorruptEntryRunsTheTaskWithOneWarningAndIsRewritten(Corruption corruption)
      throws IOException {
    run();
    Path file = storedFileOfTrain();
    byte[] good = Files.readAllBytes(file);
    Files.write(file, corruption.damage.apply(good));

    try (LoggedWarnings warnings = new LoggedWarnings()) {
      assertEquals("report of m", run());
      assertEquals(2, calls.get(), "the task ran again");
      List<LogRecord> logged = warnings.logged();
      assertEquals(1, logged.size(), () -> messages(logged));
      LogRecord warning = logged.get(0);
      assertNull(warning.getThrown(), "one line, no stack trace");
      assertTrue(warning.getMessage().contains(file.toString()), warning.getMessage());
      assertTrue(warning.getMessage().contains(corruption.reason), warning.getMessage());
    }
    assertEquals(file, storedFileOfTrain());
    assertArrayEquals(good, Files.readAllBytes(file), "the entry was written again");

    try (LoggedWarnings warnings = new LoggedWarnings()) {
      assertEquals("report of m", run());
      assertEquals(2, calls.get(), "the next run finds the rewritten entry");
      assertEquals(List.of(), warnings.logged());
    }
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void theFileStoreLoadsACorruptEntryAsMissingAndDeletesIt(Corruption corruption)
      throws IOException {
    FileResultStore store = FileResultStore.in(directory);
    ResultKey key =
        new ResultKey("p.Pipeline", "train", "", "abc123", AllowList.of("train", TRAIN_HOLDS));
    store.save(key, new Model("m"));
    Path file = directory.resolve("p.Pipeline/train/_/abc123.ser");
    Files.write(file, corruption.damage.apply(Files.readAllBytes(file)));

    try (LoggedWarnings warnings = new LoggedWarnings()) {
      assertEquals(Optional.empty(), store.load(key));
      assertFalse(Files.exists(file), "an unreadable entry is deleted");
      assertEquals(Optional.empty(), store.load(key));
      assertEquals(1, warnings.logged().size(), () -> messages(warnings.logged()));
    }
    store.save(key, new Model("m"));
    assertEquals(Optional.of(new Model("m")), store.load(key));
  }

  @Test
  void anEntryTheFileSystemCannotReadIsTheStoresFailureAndIsKept() throws IOException {
    FileResultStore store = FileResultStore.in(directory);
    ResultKey key = new ResultKey("p.Pipeline", "train", "abc123");
    Path file = directory.resolve("p.Pipeline/train/_/abc123.ser");
    Files.createDirectories(file); // reading a directory fails in the file system, not the bytes
    try (LoggedWarnings warnings = new LoggedWarnings()) {
      assertThrows(IOException.class, () -> store.load(key));
      assertTrue(Files.isDirectory(file));
      assertEquals(List.of(), warnings.logged());
    }
  }

  private static String messages(List<LogRecord> records) {
    return records.stream().map(LogRecord::getMessage).toList().toString();
  }
}
