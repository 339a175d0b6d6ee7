package dev.taskwire.runtime.store;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link ResultStore} that keeps each result as a Java-serialized file, under {@code
 * directory/pipeline/task/fingerprint.ser}. Safe for several runs and processes at once: each file
 * is written whole to a temporary name and then moved into place.
 *
 * <p>Its limits: results must be {@code Serializable} (others are simply not stored), and a stored
 * result whose class has changed incompatibly is treated as missing.
 *
 * <p>Its trust model: the directory is data, not code. A result is read back only through the
 * allow-list of its task ({@link ResultKey#allowList()}: the classes its declared result type may
 * hold, and the JDK's values and collections), with limits on nesting and array sizes, so a file
 * replaced by someone else can at worst hold wrong values of those types or make the task run
 * again; it cannot make the JVM create an object of any other class. A value of the wrong type is a
 * miss too. So the directory may be shared, even read-only, with people you trust less than your
 * code; whoever can write to it can still change the results your tasks receive.
 */
public final class FileResultStore implements ResultStore {
  private final Path directory;

  private FileResultStore(Path directory) {
    this.directory = directory;
  }

  /** A store in {@code directory}, which is created when the first result is saved. */
  public static FileResultStore in(Path directory) {
    return new FileResultStore(Objects.requireNonNull(directory, "directory").toAbsolutePath());
  }

  /** The directory the results are kept in. */
  public Path directory() {
    return directory;
  }

  /**
   * The result stored under {@code key}, read through {@link ResultKey#allowList()}: a file that
   * holds any other class is refused before that class is loaded ({@link
   * dev.taskwire.runtime.serial.RejectedClassException}), and the run counts it as a miss.
   */
  @Override
  public Optional<Object> load(ResultKey key) throws IOException {
    try (SeekableByteChannel file = Files.newByteChannel(fileOf(key))) {
      return Optional.ofNullable(
          key.allowList()
              .read(
                  Channels.newInputStream(file),
                  file.size(),
                  Thread.currentThread().getContextClassLoader()));
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (ClassNotFoundException unknownClass) {
      throw new IOException(
          "stored result of " + key.task() + " has an unknown class", unknownClass);
    }
  }

  @Override
  public void save(ResultKey key, Object result) throws IOException {
    Path file = fileOf(key);
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), key.fingerprint(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary);
          ObjectOutputStream objects = new ObjectOutputStream(out)) {
        objects.writeObject(result);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Deletes every stored result. */
  public void clear() throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private Path fileOf(ResultKey key) {
    return directory
        .resolve(safe(key.pipeline()))
        .resolve(safe(key.task()))
        .resolve(key.fingerprint() + ".ser");
  }

  /** Task and class names are file-name safe already; this guards hand-built graphs. */
  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._$-]", "_");
  }

  @Override
  public String toString() {
    return "FileResultStore[" + directory + "]";
  }
}
