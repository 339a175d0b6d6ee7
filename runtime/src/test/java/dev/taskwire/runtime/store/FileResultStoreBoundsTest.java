package dev.taskwire.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileResultStore#maxAge} and {@link FileResultStore#maxBytes}: an old entry is a miss, and
 * a save over the bound evicts the least recently used entries. Times are set on the files and the
 * store reads a fixed clock, so nothing here waits.
 */
@Timeout(60)
class FileResultStoreBoundsTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path directory;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  private static ResultKey key(String fingerprint) {
    return new ResultKey("p.Pipeline", "train", fingerprint);
  }

  /** Values of one length, so that every entry's file has the same size. */
  private static String value(String name) {
    return String.format("%-8s", name) + "x".repeat(1000);
  }

  private Path fileOf(String fingerprint) {
    return directory.resolve("p.Pipeline/train/_/" + fingerprint + ".ser");
  }

  private long sizeOfAnEntry() throws IOException {
    Path probe = directory.resolve("probe");
    FileResultStore.in(probe).save(key("probe"), value("probe"));
    long size = Files.size(probe.resolve("p.Pipeline/train/_/probe.ser"));
    FileResultStore.in(probe).clear();
    return size;
  }

  private static void setModified(Path file, Instant time) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(time));
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.toString().endsWith(".ser")).sorted().toList();
    }
  }

  private long totalBytes() throws IOException {
    long total = 0;
    for (Path entry : entries()) {
      total += Files.size(entry);
    }
    return total;
  }

  @Test
  void boundsAreValidated() {
    FileResultStore store = FileResultStore.in(directory);
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> store.maxBytes(0));
    assertEquals("maxBytes must be positive, not 0", zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.maxBytes(-1));
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> store.maxAge(Duration.ZERO));
    assertEquals("maxAge must be positive, not PT0S", none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.maxAge(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> store.maxAge(null));
  }

  @Test
  void boundsMakeNewStoresOnTheSameDirectoryAndShowInToString() {
    FileResultStore store = FileResultStore.in(directory);
    FileResultStore bounded = store.maxBytes(512L << 20).maxAge(Duration.ofDays(30));
    assertEquals("FileResultStore[" + directory + "]", store.toString(), "unchanged");
    assertEquals(
        "FileResultStore[" + directory + ", maxBytes=536870912, maxAge=PT720H]",
        bounded.toString());
    assertEquals(
        "FileResultStore[" + directory + ", maxAge=PT1H]",
        store.maxAge(Duration.ofHours(1)).toString());
    assertEquals(store.directory(), bounded.directory());
  }

  @Test
  void anEntryOlderThanMaxAgeIsAMissAndDeleted() throws IOException {
    FileResultStore store = FileResultStore.in(directory, CLOCK).maxAge(Duration.ofDays(30));
    for (String name : List.of("old", "edge", "fresh")) {
      store.save(key(name), value(name));
    }
    setModified(fileOf("old"), NOW.minus(Duration.ofDays(30)).minusSeconds(1));
    setModified(fileOf("edge"), NOW.minus(Duration.ofDays(30)));
    setModified(fileOf("fresh"), NOW.minus(Duration.ofDays(1)));

    assertEquals(Optional.empty(), store.load(key("old")));
    assertFalse(Files.exists(fileOf("old")), "an expired entry is deleted");
    assertEquals(
        Optional.of(value("edge")), store.load(key("edge")), "exactly maxAge is not older");
    assertEquals(Optional.of(value("fresh")), store.load(key("fresh")));
    assertEquals(Optional.empty(), store.load(key("never saved")));
  }

  @Test
  void withoutMaxAgeAnOldEntryLoads() throws IOException {
    FileResultStore store = FileResultStore.in(directory, CLOCK);
    store.save(key("old"), value("old"));
    setModified(fileOf("old"), NOW.minus(Duration.ofDays(3650)));
    assertEquals(Optional.of(value("old")), store.load(key("old")));
  }

  /** A load makes the entry young again, for maxAge as for maxBytes. */
  @Test
  void aLoadMarksTheEntryAsUsedNow() throws IOException {
    FileResultStore store = FileResultStore.in(directory, CLOCK).maxAge(Duration.ofDays(30));
    store.save(key("used"), value("used"));
    setModified(fileOf("used"), NOW.minus(Duration.ofDays(29)));
    assertEquals(Optional.of(value("used")), store.load(key("used")));
    assertEquals(NOW, Files.getLastModifiedTime(fileOf("used")).toInstant());
    Clock later = Clock.offset(CLOCK, Duration.ofDays(29));
    FileResultStore laterStore = FileResultStore.in(directory, later).maxAge(Duration.ofDays(30));
    assertEquals(Optional.of(value("used")), laterStore.load(key("used")));
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvictedFirst() throws IOException {
    long size = sizeOfAnEntry();
    FileResultStore unbounded = FileResultStore.in(directory, CLOCK);
    for (String name : List.of("a", "b", "c")) {
      unbounded.save(key(name), value(name));
    }
    setModified(fileOf("a"), NOW.minus(Duration.ofHours(3)));
    setModified(fileOf("b"), NOW.minus(Duration.ofHours(2)));
    setModified(fileOf("c"), NOW.minus(Duration.ofHours(1)));

    long maxBytes = 3 * size + size / 2; // three fit, four do not
    FileResultStore bounded = FileResultStore.in(directory, CLOCK).maxBytes(maxBytes);
    assertEquals(Optional.of(value("a")), bounded.load(key("a"))); // a, saved first, is used now
    bounded.save(key("d"), value("d"));

    assertEquals(List.of(fileOf("a"), fileOf("c"), fileOf("d")), entries(), "b was used least");
    assertTrue(totalBytes() <= maxBytes, totalBytes() + " > " + maxBytes);
  }

  @Test
  void afterEverySaveTheEntriesFitInMaxBytes() throws IOException {
    long size = sizeOfAnEntry();
    long maxBytes = 10 * size;
    FileResultStore store = FileResultStore.in(directory).maxBytes(maxBytes);
    for (int i = 0; i < 40; i++) {
      store.save(key("k" + i), value("k" + i));
      assertTrue(totalBytes() <= maxBytes, "save " + i + ": " + totalBytes() + " > " + maxBytes);
      assertEquals(Optional.of(value("k" + i)), store.load(key("k" + i)), "the entry just saved");
    }
    int left = entries().size();
    assertTrue(left >= 9 && left <= 10, left + " entries left"); // evicted to 90%, then refilled
  }

  /**
   * A save adds its size to what the store counted; it walks the directory again only when that
   * goes over, and the walk then sees what others saved.
   */
  @Test
  void aSaveWalksTheDirectoryOnlyWhenItsCountGoesOver() throws IOException {
    long size = sizeOfAnEntry();
    FileResultStore store = FileResultStore.in(directory).maxBytes(10 * size);
    store.save(key("k0"), value("k0")); // counts the directory: one entry
    Path foreign = directory.resolve("p.Pipeline/other/_/foreign.ser");
    Files.createDirectories(foreign.getParent());
    Files.write(foreign, new byte[(int) (20 * size)]); // another process's, say
    setModified(foreign, NOW.minus(Duration.ofDays(1)));
    for (int i = 1; i < 10; i++) {
      store.save(key("k" + i), value("k" + i));
      assertTrue(Files.exists(foreign), "save " + i + " walked the directory");
    }
    store.save(key("k10"), value("k10")); // 11 entries counted: over
    assertFalse(Files.exists(foreign), "the oldest entry is evicted first, whoever saved it");
    assertTrue(totalBytes() <= 9 * size, "evicted to 90% of maxBytes: " + totalBytes());
    assertEquals(Optional.of(value("k10")), store.load(key("k10")));
  }

  @Test
  void anEntryLargerThanMaxBytesIsKeptUntilTheNextSave() throws IOException {
    FileResultStore store = FileResultStore.in(directory).maxBytes(100);
    store.save(key("a-big"), value("big")); // over 1000 bytes
    assertEquals(Optional.of(value("big")), store.load(key("a-big")));
    store.save(key("b-small"), "small");
    assertEquals(Optional.empty(), store.load(key("a-big")));
    assertEquals(Optional.of("small"), store.load(key("b-small")));
  }

  @Test
  void evictionLeavesTemporaryFilesOfSavesUnderWay() throws IOException {
    long size = sizeOfAnEntry();
    Path temporary = directory.resolve("p.Pipeline/train/_/k9-4711.tmp");
    Files.createDirectories(temporary.getParent());
    byte[] partial = new byte[(int) (10 * size)];
    Files.write(temporary, partial);
    setModified(temporary, NOW.minus(Duration.ofDays(10))); // older than any entry
    long maxBytes = 3 * size;
    FileResultStore store = FileResultStore.in(directory).maxBytes(maxBytes);
    for (int i = 0; i < 8; i++) {
      store.save(key("k" + i), value("k" + i));
    }
    assertTrue(Files.exists(temporary));
    assertEquals(partial.length, Files.size(temporary));
    assertTrue(entries().size() >= 2, "not counted: " + entries());
    assertTrue(totalBytes() <= maxBytes, totalBytes() + " > " + maxBytes);
  }

  /**
   * Two stores on one directory, as two processes have, each evicting the other's entries, while a
   * third clears it: entries vanish under every walk. No save or load throws.
   */
  @Test
  void evictionToleratesEntriesVanishingMeanwhile() throws Exception {
    long size = sizeOfAnEntry();
    List<Future<Integer>> savers = new ArrayList<>();
    for (String writer : List.of("w0", "w1")) {
      FileResultStore store = FileResultStore.in(directory).maxBytes(5 * size);
      savers.add(
          pool.submit(
              () -> {
                int found = 0;
                for (int i = 0; i < 300; i++) {
                  ResultKey key = key(writer + "-" + i % 20);
                  store.save(key, value(writer + i % 20));
                  Optional<Object> loaded = store.load(key);
                  if (loaded.isPresent()) {
                    assertEquals(value(writer + i % 20), loaded.get());
                    found++;
                  }
                }
                return found;
              }));
    }
    FileResultStore clearing = FileResultStore.in(directory);
    while (!savers.stream().allMatch(Future::isDone)) {
      clearing.clear();
      Thread.yield();
    }
    for (Future<Integer> saver : savers) {
      saver.get(); // rethrows what the saver threw, or a wrong value it loaded
    }
  }
}
