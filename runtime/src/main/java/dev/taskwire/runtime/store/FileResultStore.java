package dev.taskwire.runtime.store;

import dev.taskwire.runtime.serial.RejectedClassException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ResultStore} that keeps each result as a Java-serialized file, under {@code
 * directory/pipeline/task/fingerprint.ser}. Safe for several runs and processes at once: each file
 * is written whole to a temporary name and then moved into place, so a reader sees a whole file or
 * none.
 *
 * <p>A file that is there but cannot be read back as an object (truncated, empty, not a serialized
 * stream, or of a class that is gone or has changed incompatibly) is deleted, with one warning on
 * the {@code System.Logger} named after this class, and loads as missing: the task runs and its
 * result is saved again under the same key. Results must be {@code Serializable} (others are simply
 * not stored).
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
  private static final System.Logger LOG = System.getLogger(FileResultStore.class.getName());

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
   * {@inheritDoc}
   *
   * <p>The result is read through {@link ResultKey#allowList()}: a file that holds any other class
   * is refused before that class is loaded, and kept (another run may allow more). An entry whose
   * bytes do not deserialize is deleted and is missing (see above); one that another process
   * replaces at the same time may be deleted too, which costs that task one run.
   *
   * @throws dev.taskwire.runtime.serial.RejectedClassException if the file holds a class outside
   *     the key's allow-list, or breaks one of its limits; the run counts it as a miss
   * @throws IOException if the file system fails to open or read the file (the entry is kept)
   */
  @Override
  public Optional<Object> load(ResultKey key) throws IOException {
    Path file = fileOf(key);
    SeekableByteChannel channel;
    try {
      channel = Files.newByteChannel(file);
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    }
    try (channel;
        FileInput in = new FileInput(Channels.newInputStream(channel))) {
      long length = channel.size();
      try {
        return Optional.ofNullable(
            key.allowList().read(in, length, Thread.currentThread().getContextClassLoader()));
      } catch (RejectedClassException refused) {
        throw refused;
      } catch (IOException | ClassNotFoundException | RuntimeException unreadable) {
        if (in.failed) { // the file system failed, not the bytes
          throw unreadable instanceof IOException io
              ? io
              : new IOException("could not read " + file, unreadable);
        }
        try {
          Files.deleteIfExists(file);
        } catch (IOException undeletable) {
          undeletable.addSuppressed(unreadable);
          throw undeletable;
        }
        LOG.log(
            Level.WARNING,
            () -> "deleted unreadable result " + file + " (" + unreadable + "); its task will run");
        return Optional.empty();
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A {@link #clear()} at the same time, in this or another process, may delete the directory or
   * the temporary file while it is written; then the save is tried once more, and if a clear takes
   * that one too the result is not kept and this returns normally, as for any result saved while a
   * clear runs (see {@link #clear()}).
   */
  @Override
  public void save(ResultKey key, Object result) throws IOException {
    Path file = fileOf(key);
    if (!trySave(file, key.fingerprint(), result)) {
      trySave(file, key.fingerprint(), result);
    }
  }

  /**
   * False if a clear deleted the directory or the temporary file before it was moved into place.
   */
  private static boolean trySave(Path file, String prefix, Object result) throws IOException {
    Path temporary;
    try {
      Files.createDirectories(file.getParent());
      temporary = Files.createTempFile(file.getParent(), prefix, ".tmp");
    } catch (NoSuchFileException cleared) {
      return false;
    } catch (FileAlreadyExistsException raced) {
      // createDirectories says so too when a directory it found is deleted before it checks it.
      String named = raced.getFile();
      Path existing = named == null ? file.getParent() : file.getFileSystem().getPath(named);
      if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(existing)) {
        throw raced; // a file is where a directory should be: not a clear
      }
      return false;
    }
    try {
      OutputStream out;
      try {
        out = Files.newOutputStream(temporary);
      } catch (NoSuchFileException cleared) {
        return false;
      }
      // The result's own serialization may throw anything, NoSuchFileException too: thrown.
      try (out;
          ObjectOutputStream objects = new ObjectOutputStream(out)) {
        objects.writeObject(result);
      }
      try {
        move(temporary, file);
      } catch (NoSuchFileException cleared) {
        return false;
      }
      return true;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void move(Path temporary, Path file) throws IOException {
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException notAtomic) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes every result saved before this call, and the directory. Results saved while it runs, in
   * this or another process, may survive it: a directory that gains an entry while it is being
   * emptied is left in place with that entry. Files and directories that another process deletes at
   * the same time are skipped.
   *
   * @throws IOException if the file system refuses to list or delete something (not when it is
   *     already gone or has gained entries)
   */
  public void clear() throws IOException {
    Files.walkFileTree(directory, new Deleter());
  }

  /** Deletes what it visits, children before their directory, skipping what vanishes or grows. */
  private static final class Deleter extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      Files.deleteIfExists(file);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
      if (failure instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE; // deleted by someone else since it was listed
      }
      throw failure;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException failure)
        throws IOException {
      if (failure != null && !(failure instanceof NoSuchFileException)) {
        throw failure;
      }
      try {
        Files.deleteIfExists(directory);
      } catch (DirectoryNotEmptyException savedMeanwhile) {
        // Its entries listed were deleted; what is left was saved during the clear.
      }
      return FileVisitResult.CONTINUE;
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

  /**
   * The file's bytes, noting whether reading them failed: an IOException from the object stream is
   * then the file system's, and otherwise the bytes'.
   */
  private static final class FileInput extends FilterInputStream {
    boolean failed;

    FileInput(InputStream file) {
      super(file);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public long skip(long count) throws IOException {
      try {
        return super.skip(count);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int available() throws IOException {
      try {
        return super.available();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }
  }
}
