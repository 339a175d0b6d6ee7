package dev.taskwire.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.serial.AllowList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results are filed by their task's code, so that the store can say why a look-up missed: other
 * inputs to the same code, or code it has not seen.
 */
@Timeout(60)
class FileResultStoreLayoutTest {
  @TempDir Path root;

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  static ResultKey key(String task, String code, String fingerprint) {
    return new ResultKey(
        "p.Pipeline", task, code, fingerprint, AllowList.of("the result of " + task, Set.of()));
  }

  private Path directory() {
    return root.resolve("cache");
  }

  private List<Path> files() throws IOException {
    if (!Files.exists(directory())) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory())) {
      return files.filter(Files::isRegularFile).map(directory()::relativize).sorted().toList();
    }
  }

  @Test
  void aResultIsFiledUnderItsTasksCode() throws IOException {
    FileResultStore store = FileResultStore.in(directory());
    store.save(key("train", "c0de1", "f1"), "first code");
    store.save(key("train", "c0de2", "f2"), "second code");
    store.save(key("train", "", "f3"), "code not known");
    assertEquals(
        List.of(
            Path.of("p.Pipeline/train/_/f3.ser"),
            Path.of("p.Pipeline/train/c0de1/f1.ser"),
            Path.of("p.Pipeline/train/c0de2/f2.ser")),
        files());
    assertEquals(Optional.of("first code"), store.load(key("train", "c0de1", "f1")));
    assertEquals(Optional.of("code not known"), store.load(key("train", "", "f3")));
    assertEquals(Optional.empty(), store.load(key("train", "c0de2", "f1")), "another code's key");
  }

  /** Hand-built keys may hold anything; none may reach outside the directory or share a file. */
  @Test
  void everyNameIsOnePathSegmentInsideTheDirectory() throws IOException {
    FileResultStore store = FileResultStore.in(directory());
    List<String> names = List.of("", ".", "..", "../..", "a/b", "a\\b", "x y", "ü");
    List<ResultKey> keys = new ArrayList<>();
    for (String name : names) {
      keys.add(new ResultKey(name, name, name, "f-" + keys.size(), AllowList.of("x", Set.of())));
    }
    for (String name : List.of("", ".", "..", "../..")) {
      keys.add(key("t", "c", name)); // as the fingerprint: ".ser" would be hidden, "..ser" odd
    }
    for (ResultKey key : keys) {
      store.save(key, key.toString());
    }
    List<Path> files = files();
    assertEquals(keys.size(), files.size(), files.toString());
    for (Path file : files) {
      assertEquals(4, file.getNameCount(), file.toString());
      for (Path segment : file) {
        assertFalse(segment.toString().matches("\\.*"), file.toString());
      }
    }
    try (Stream<Path> outside = Files.list(root)) {
      assertEquals(List.of(directory()), outside.toList(), "nothing written next to the store");
    }
    for (ResultKey key : keys) {
      assertEquals(Optional.of(key.toString()), store.load(key));
    }
  }

  @Test
  void clearDeletesEveryCodesResults() throws IOException {
    FileResultStore store = FileResultStore.in(directory());
    store.save(key("train", "c1", "f1"), "a");
    store.save(key("train", "c2", "f1"), "b");
    store.save(key("load", "", "f1"), "c");
    store.clear();
    assertFalse(Files.exists(directory()));
    assertEquals(Optional.empty(), store.load(key("train", "c1", "f1")));
  }

  @Test
  void aStoreWithNothingOfTheTaskHasNoEntry() throws IOException {
    FileResultStore store = FileResultStore.in(directory());
    assertEquals(StoreDecision.NO_ENTRY, store.explainMiss(key("train", "c1", "f1")));
    store.save(key("load", "c1", "f1"), "another task's");
    assertEquals(StoreDecision.NO_ENTRY, store.explainMiss(key("train", "c1", "f1")));
  }

  @Test
  void otherInputsToTheSameCodeAreInputsChanged() throws IOException {
    FileResultStore store = FileResultStore.in(directory());
    store.save(key("train", "c1", "f1"), "a");
    store.save(key("train", "c2", "f1"), "b");
    assertEquals(StoreDecision.INPUTS_CHANGED, store.explainMiss(key("train", "c1", "f2")));
    store.save(key("train", "", "f1"), "c");
    assertEquals(StoreDecision.INPUTS_CHANGED, store.explainMiss(key("train", "", "f2")));
  }

  @Test
  void resultsOnlyOfOtherCodeAreCodeChanged() throws IOException {
    FileResultStore store = FileResultStore.in(directory());
    store.save(key("train", "c1", "f1"), "a");
    assertEquals(StoreDecision.CODE_CHANGED, store.explainMiss(key("train", "c2", "f2")));
    assertEquals(StoreDecision.CODE_CHANGED, store.explainMiss(key("train", "", "f2")));
  }

  /** An emptied code directory, or one with only a save under way, holds no result. */
  @Test
  void directoriesWithoutEntriesDoNotCount() throws IOException {
    FileResultStore store = FileResultStore.in(directory());
    Path c1 = directory().resolve("p.Pipeline/train/c1");
    Files.createDirectories(c1);
    Files.writeString(c1.resolve("f1-12345.tmp"), "a save under way");
    Files.createDirectories(directory().resolve("p.Pipeline/train/c2"));
    assertEquals(StoreDecision.NO_ENTRY, store.explainMiss(key("train", "c1", "f2")));
    assertEquals(StoreDecision.NO_ENTRY, store.explainMiss(key("train", "c3", "f2")));
    store.save(key("train", "c2", "f1"), "b");
    assertEquals(StoreDecision.CODE_CHANGED, store.explainMiss(key("train", "c1", "f2")));
    Files.delete(directory().resolve("p.Pipeline/train/c2/f1.ser"));
    assertEquals(StoreDecision.NO_ENTRY, store.explainMiss(key("train", "c1", "f2")));
  }

  /** What the run asks after a miss, while a clear deletes the directories it lists. */
  @Test
  void explainingWhileAnotherThreadClearsNeverThrows() throws Exception {
    FileResultStore store = FileResultStore.in(directory());
    AtomicBoolean done = new AtomicBoolean();
    Future<?> churn =
        pool.submit(
            () -> {
              try {
                for (int i = 0; i < 300; i++) {
                  store.save(key("train", "c" + i % 3, "f" + i), "r");
                  store.save(key("train", "c" + (i + 1) % 3, "f" + i), "r");
                  store.clear();
                }
              } finally {
                done.set(true);
              }
              return null;
            });
    EnumSet<StoreDecision> heard = EnumSet.noneOf(StoreDecision.class);
    int asked = 0;
    while (!done.get() || asked == 0) {
      heard.add(store.explainMiss(key("train", "c0", "missing")));
      asked++;
    }
    churn.get(); // rethrows what the saves or clears threw
    assertTrue(
        EnumSet.of(StoreDecision.NO_ENTRY, StoreDecision.INPUTS_CHANGED, StoreDecision.CODE_CHANGED)
            .containsAll(heard),
        heard.toString());
    assertEquals(StoreDecision.NO_ENTRY, store.explainMiss(key("train", "c0", "missing")));
  }
}
