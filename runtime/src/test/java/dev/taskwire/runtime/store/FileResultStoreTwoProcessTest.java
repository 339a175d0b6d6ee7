package dev.taskwire.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.serial.AllowList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one store directory, each saving and loading in a loop: the same keys with equal
 * values, keys of their own that the other reads while they are replaced, and a small {@code
 * maxBytes}, so that each evicts what the other is reading or saving. A load only ever finds
 * nothing or a value saved under its key, never a torn file; and afterwards every entry left loads.
 */
@Timeout(120)
class FileResultStoreTwoProcessTest {
  static final int ITERATIONS = 2000;
  static final int SHARED_KEYS = 24;
  static final int OWN_KEYS = 24;

  /** About 40 entries, of the 72 keys the two write: a walk every few saves. */
  static final long MAX_BYTES = 40 * 1024;

  static final String PADDING = "x".repeat(1000);

  static final AllowList JDK_VALUES = AllowList.of("the results of the test", Set.of());

  private static final Pattern SUMMARY =
      Pattern.compile("DONE saves=(\\d+) loads=(\\d+) hits=(\\d+) unreadable=(\\d+)");

  @TempDir Path directory;

  /** Keys the two write alike, over three tasks and two codes: directories both create. */
  static ResultKey shared(int i) {
    return new ResultKey("p.Pipeline", "task" + i % 3, "code" + i % 2, "shared-" + i, JDK_VALUES);
  }

  static String sharedValue(int i) {
    return "shared " + i + "|" + PADDING;
  }

  static ResultKey own(String writer, int i) {
    return new ResultKey("p.Pipeline", "own", writer, "own-" + writer + "-" + i, JDK_VALUES);
  }

  /** Each save of an own key writes a new version, so that a reader can catch a replacement. */
  static String ownValue(String writer, int i, int version) {
    return "own " + writer + " " + i + " v" + version + "|" + PADDING;
  }

  /** Whether {@code value} is one of the values either writer saves under {@code key}. */
  static boolean isValueOf(ResultKey key, Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    String fingerprint = key.fingerprint();
    if (fingerprint.startsWith("shared-")) {
      return text.equals(sharedValue(Integer.parseInt(fingerprint.substring("shared-".length()))));
    }
    Matcher own = Pattern.compile("own-(\\w+)-(\\d+)").matcher(fingerprint);
    if (!own.matches()) {
      return false;
    }
    int i = Integer.parseInt(own.group(2));
    for (int version = 0; version * OWN_KEYS + i < ITERATIONS; version++) {
      if (text.equals(ownValue(own.group(1), i, version))) {
        return true;
      }
    }
    return false;
  }

  /** What one process did; an unreadable entry would mean a reader saw a file being written. */
  record Summary(int saves, int loads, int hits, int unreadable) {
    @Override
    public String toString() {
      return "DONE saves="
          + saves
          + " loads="
          + loads
          + " hits="
          + hits
          + " unreadable="
          + unreadable;
    }
  }

  /**
   * The loop both processes run. Throws an {@link AssertionError} at the first load that finds a
   * value not saved under its key.
   */
  static Summary work(Path directory, String writer, String other) throws IOException {
    FileResultStore store = FileResultStore.in(directory).maxBytes(MAX_BYTES);
    int seed = writer.hashCode() & 0xff;
    int saves = 0;
    int loads = 0;
    int hits = 0;
    try (LoggedWarnings warnings = new LoggedWarnings()) {
      for (int i = 0; i < ITERATIONS; i++) {
        int s = (i * 7 + seed) % SHARED_KEYS;
        store.save(shared(s), sharedValue(s));
        saves++;
        int read = (i * 5 + 3) % SHARED_KEYS;
        hits += check(shared(read), store.load(shared(read)), sharedValue(read));
        loads++;

        int o = i % OWN_KEYS;
        String value = ownValue(writer, o, i / OWN_KEYS);
        store.save(own(writer, o), value);
        saves++;
        hits += check(own(writer, o), store.load(own(writer, o)), value); // only this one writes it
        loads++;

        ResultKey others = own(other, (i * 11) % OWN_KEYS); // replaced by the other meanwhile
        Optional<Object> theirs = store.load(others);
        loads++;
        if (theirs.isPresent()) {
          hits++;
          if (!isValueOf(others, theirs.get())) {
            throw new AssertionError(others + " loaded " + head(theirs.get()));
          }
        }
        if (i % 50 == 0) {
          store.explainMiss(own(other, OWN_KEYS + i)); // lists what the other may be evicting
        }
      }
      int unreadable = 0;
      for (LogRecord warning : warnings.logged()) {
        if (warning.getMessage().startsWith("deleted unreadable result")) {
          unreadable++;
        }
      }
      return new Summary(saves, loads, hits, unreadable);
    }
  }

  private static int check(ResultKey key, Optional<Object> loaded, String expected) {
    if (loaded.isEmpty()) {
      return 0; // evicted, by this process or the other
    }
    if (!expected.equals(loaded.get())) {
      throw new AssertionError(key + " loaded " + head(loaded.get()) + ", not " + head(expected));
    }
    return 1;
  }

  private static String head(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  @Test
  void twoProcessesSavingLoadingAndEvictingInOneDirectoryNeverSeeAWrongValue() throws Exception {
    Path store = directory.resolve("cache");
    Path childErrors = directory.resolve("child-stderr.txt");
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                store.toString())
            .redirectError(childErrors.toFile())
            .start();
    try {
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                  }
                } catch (IOException closed) {
                  // the child is gone; the lines it printed are in the queue
                }
                lines.add("<end of output>");
              });
      reader.setDaemon(true);
      reader.start();

      String ready = lines.poll(60, TimeUnit.SECONDS);
      assertEquals("READY", ready, () -> "the child started: " + errorsOf(childErrors));
      try (OutputStream go = child.getOutputStream()) {
        go.write('\n'); // both loops start now
      }
      Summary mine = work(store, "parent", "child");

      String summary = lines.poll(60, TimeUnit.SECONDS);
      assertNotNull(summary, "the child did not finish in a minute");
      Matcher done = SUMMARY.matcher(summary);
      assertTrue(done.matches(), () -> summary + "\n" + errorsOf(childErrors));
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit");
      assertEquals(0, child.exitValue(), () -> errorsOf(childErrors));

      assertEquals("0", done.group(4), "the child read a torn file: " + summary);
      assertEquals(0, mine.unreadable(), "this process read a torn file: " + mine);
      assertTrue(Integer.parseInt(done.group(3)) > 0, "the child's loads all missed: " + summary);
      assertTrue(mine.hits() > 0, "this process's loads all missed: " + mine);
    } finally {
      child.destroyForcibly();
    }

    FileResultStore reader = FileResultStore.in(store);
    List<Path> left;
    try (Stream<Path> files = Files.walk(store)) {
      left = files.filter(Files::isRegularFile).map(store::relativize).toList();
    }
    assertTrue(left.size() < SHARED_KEYS + 2 * OWN_KEYS, "nothing was evicted: " + left.size());
    for (Path file : left) {
      String name = file.getFileName().toString();
      assertTrue(name.endsWith(".ser"), "a temporary file is left over: " + file);
      ResultKey key =
          new ResultKey(
              file.getName(0).toString(),
              file.getName(1).toString(),
              file.getName(2).toString(),
              name.substring(0, name.length() - ".ser".length()),
              JDK_VALUES);
      Optional<Object> loaded = reader.load(key);
      assertTrue(loaded.isPresent(), "does not load: " + file);
      assertTrue(isValueOf(key, loaded.get()), () -> file + " holds " + head(loaded.get()));
    }
  }

  private static String errorsOf(Path file) {
    try {
      return "child's stderr:\n" + Files.readString(file);
    } catch (IOException unread) {
      return "child's stderr unreadable: " + unread;
    }
  }

  /**
   * The other process: prints READY, waits for a line, runs {@link #work}, and prints its summary;
   * exits 1 with a stack trace on a failure.
   */
  static final class Child {
    private Child() {}

    public static void main(String[] args) {
      try {
        System.out.println("READY");
        System.out.flush();
        System.in.read(); // a line, or the end of the input, from the parent
        Summary summary = work(Path.of(args[0]), "child", "parent");
        System.out.println(summary);
        System.out.flush();
      } catch (Throwable failed) {
        System.out.println("FAILED " + failed);
        System.out.flush();
        failed.printStackTrace();
        System.exit(1);
      }
    }
  }
}
