package dev.taskwire.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
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
 * <p>Its limits: results must be {@code Serializable} (others are simply not stored); a stored
 * result whose class has changed incompatibly is treated as missing; and Java deserialization
 * trusts the files it reads, so point it only at a directory that you alone write to.
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

  @Override
  public Optional<Object> load(ResultKey key) throws IOException {
    try (InputStream file = Files.newInputStream(fileOf(key));
        ObjectInputStream in = new ContextClassLoaderInput(file)) {
      return Optional.ofNullable(in.readObject());
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

  /** Resolves classes through the context class loader first, as frameworks and tests need. */
  private static final class ContextClassLoaderInput extends ObjectInputStream {
    ContextClassLoaderInput(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description)
        throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(description.getName(), false, loader);
        } catch (ClassNotFoundException notThere) {
          // fall back to the default resolution below
        }
      }
      return super.resolveClass(description);
    }
  }
}
