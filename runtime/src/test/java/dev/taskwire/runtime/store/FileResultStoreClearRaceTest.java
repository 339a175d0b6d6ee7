package dev.taskwire.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileResultStore#clear()} while other threads, or another process, keep saving: it never
 * throws, deletes every result saved before it was called, and a save it overlaps never throws
 * either. Threads stand in for processes: they race through the same file-system calls.
 */
@Timeout(120)
class FileResultStoreClearRaceTest {
  private static final int CLEARS = 200;
  private static final int WRITERS = 3;

  @TempDir Path directory;

  private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  /** Keys spread over two pipelines and three tasks, so that whole directories come and go. */
  static ResultKey keyOf(String writer, int save) {
    return new ResultKey("p.Pipeline" + save % 2, "t" + save % 3, writer + "-" + save % 5);
  }

  @Test
  void clearNeverThrowsWhileOtherThreadsSave() throws Exception {
    FileResultStore store = FileResultStore.in(directory.resolve("cache"));
    ResultKey savedBefore = new ResultKey("p.Pipeline0", "t0", "saved-before-the-clear");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean writerFailed = new AtomicBoolean();
    Semaphore saves = new Semaphore(0);
    List<Future<Integer>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      String writer = "w" + w;
      writers.add(
          pool.submit(
              () -> {
                int save = 0;
                try {
                  while (!stop.get()) {
                    store.save(keyOf(writer, save), "result " + save);
                    save++;
                    saves.release();
                  }
                  return save;
                } catch (IOException | RuntimeException failed) {
                  writerFailed.set(true);
                  saves.release(); // so that the loop below does not wait for this writer
                  throw failed;
                }
              }));
    }
    try {
      for (int i = 0; i < CLEARS; i++) {
        saves.acquire(); // some writer saved since the last clear: there is something to race
        saves.drainPermits();
        if (writerFailed.get()) {
          break; // its exception is thrown below
        }
        store.save(savedBefore, "kept until the clear");
        store.clear();
        assertEquals(Optional.empty(), store.load(savedBefore), "clear " + i);
      }
    } finally {
      stop.set(true);
    }
    for (Future<Integer> writer : writers) {
      assertTrue(writer.get() > 0); // rethrows what a save threw
    }
    store.clear();
    assertFalse(Files.exists(store.directory()), "with the writers stopped, clear empties it");
  }

  @Test
  void clearNeverThrowsWhileAnotherProcessSaves() throws Exception {
    FileResultStore store = FileResultStore.in(directory.resolve("cache"));
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                SavingProcess.class.getName(),
                store.directory().toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("SAVING", out.readLine(), "the writer process started saving");
      for (int i = 0; i < CLEARS && writer.isAlive(); i++) {
        while (!Files.exists(store.directory()) && writer.isAlive()) {
          Thread.onSpinWait(); // until the writer has saved again since the last clear
        }
        store.clear();
      }
      writer.getOutputStream().close(); // tells it to stop
      assertEquals("STOPPED", out.readLine(), "the writer's saves never threw");
      assertEquals(0, writer.waitFor());
    } finally {
      writer.destroyForcibly();
    }
    store.clear();
    assertFalse(Files.exists(store.directory()));
  }

  /** Saves into the store in {@code args[0]} until its standard input closes. */
  static final class SavingProcess {
    private SavingProcess() {}

    public static void main(String[] args) throws IOException {
      FileResultStore store = FileResultStore.in(Path.of(args[0]));
      AtomicBoolean stop = new AtomicBoolean();
      Thread stopper =
          new Thread(
              () -> {
                try {
                  while (System.in.read() >= 0) {
                    // wait for the end of the input
                  }
                } catch (IOException closed) {
                  // stop as well
                }
                stop.set(true);
              });
      stopper.setDaemon(true);
      stopper.start();
      store.save(keyOf("process", 0), "result 0");
      System.out.println("SAVING");
      System.out.flush();
      for (int save = 1; !stop.get(); save++) {
        store.save(keyOf("process", save), "result " + save);
      }
      System.out.println("STOPPED");
      System.out.flush();
    }
  }
}
