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
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A {@link ResultStore} that keeps each result as a Java-serialized file, under {@code
 * directory/pipeline/task/code/fingerprint.ser}, where {@code code} is the task's {@linkplain
 * ResultKey#code() code fingerprint} ({@code _} when it is not known). Filing by code lets {@link
 * #explainMiss} tell an edited task from new inputs by listing two directories. Safe for several
 * runs and processes at once: each file is written whole to a temporary name and then moved into
 * place, so a reader sees a whole file or none.
 *
 * <p>A file that is there but cannot be read back as an object (truncated, empty, not a serialized
 * stream, or of a class that is gone or has changed incompatibly) is deleted, with one warning on
 * the {@code System.Logger} named after this class, and loads as missing: the task runs and its
 * result is saved again under the same key. Results must be {@code Serializable} (others are simply
 * not stored).
 *
 * <p>Unbounded by default, it keeps every result until {@link #clear()}. {@link #maxAge(Duration)}
 * and {@link #maxBytes(long)} bound it: {@code FileResultStore.in(dir).maxBytes(512L << 20)
 * .maxAge(Duration.ofDays(30))}. Both go by an entry's last-modified time, which a save sets and a
 * load that finds the entry moves to now; so an entry's age is the time since it was last saved or
 * used, and the least recently used entries are evicted first. Each process enforces the bounds at
 * its own loads and saves; nothing runs in the background. Several processes sharing a directory
 * may therefore exceed {@code maxBytes} for a while, each by what it saved since it last counted.
 *
 * <p>Its trust model: the directory is data, not code. A result is read back only through the
 * allow-list of its task ({@link ResultKey#allowList()}: the classes its declared result type may
 * hold, and the JDK's values and collections), with limits on nesting and array sizes, so a file
 * replaced by someone else can at worst hold wrong values of those types or make the task run
 * again; it cannot make the JVM create an object of any other class. A value of the wrong type is a
 * miss too. So the directory may be shared, even read-only, with people you trust less than your
 * code; whoever can write to it can still change the results your tasks receive.
 *
 * <p>Names become path segments: characters other than letters, digits and {@code ._$-} become
 * {@code _}, and an empty name or one of only dots gets a {@code _} in front, so that no key can
 * reach outside the directory. Two names that differ only in such characters share a directory;
 * their fingerprints still tell their entries apart.
 */
public final class FileResultStore implements ResultStore {
  private static final System.Logger LOG = System.getLogger(FileResultStore.class.getName());

  /** The code directory of a key whose code is not known. */
  private static final String UNKNOWN_CODE = "_";

  private static final String ENTRY = ".ser";

  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._$-]");

  /** {@code maxBytes} when there is no bound. */
  private static final long UNBOUNDED = 0;

  /** {@code estimate} before the first bounded save counted the directory. */
  private static final long UNCOUNTED = -1;

  /** A save whose directory or temporary file a clear deleted. */
  private static final long CLEARED = -1;

  /**
   * Eviction deletes down to this share of {@code maxBytes}, so that the saves right after it do
   * not each walk the directory again.
   */
  private static final double LOW_WATER = 0.9;

  private final Path directory;
  private final long maxBytes;
  private final Duration maxAge; // null: no bound
  private final Clock clock;

  /**
   * The bytes of the entries this store last counted, plus those it saved since: an upper bound on
   * the directory's size as far as this process knows, so that a save walks the directory only when
   * it may be over {@code maxBytes}. Other processes' saves are seen at the next walk.
   */
  private final AtomicLong estimate = new AtomicLong(UNCOUNTED);

  /** One walk at a time: a second thread over the bound finds it counted down when it gets in. */
  private final ReentrantLock walking = new ReentrantLock();

  private FileResultStore(Path directory, long maxBytes, Duration maxAge, Clock clock) {
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** A store in {@code directory}, which is created when the first result is saved. */
  public static FileResultStore in(Path directory) {
    return in(directory, Clock.systemUTC());
  }

  /** A store whose bounds go by {@code clock}, for tests. */
  static FileResultStore in(Path directory, Clock clock) {
    return new FileResultStore(
        Objects.requireNonNull(directory, "directory").toAbsolutePath(),
        UNBOUNDED,
        null,
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * A store on the same directory that keeps its entries to at most {@code maxBytes} in all. After
   * a save takes it over, the least recently saved or loaded entries are deleted until it is at 90%
   * of the bound; the entry just saved is kept even when it alone is larger than the bound (the
   * next save that goes over deletes it). Temporary files of saves under way are neither counted
   * nor deleted.
   *
   * <p>The store counts the directory once, at its first save, and then adds what it saves; it
   * walks the directory again only when that sum goes over the bound, so that a save does not cost
   * a walk. The walk counts what other processes saved or deleted too.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public FileResultStore maxBytes(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
    }
    return new FileResultStore(directory, maxBytes, maxAge, clock);
  }

  /**
   * A store on the same directory whose entries expire when they were last saved or loaded more
   * than {@code maxAge} ago: {@link #load} deletes such an entry and finds nothing, so the task
   * runs again. Only the entry looked up is checked: entries never looked up again stay until
   * {@link #clear()}, or until {@link #maxBytes(long)} evicts them, oldest first. So {@code maxAge}
   * alone does not bound the directory's size.
   *
   * @throws IllegalArgumentException if {@code maxAge} is zero or negative
   */
  public FileResultStore maxAge(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isZero() || maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must be positive, not " + maxAge);
    }
    return new FileResultStore(directory, maxBytes, maxAge, clock);
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
   * replaces at the same time may be deleted too, which costs that task one run. An entry older
   * than {@link #maxAge(Duration)} is deleted and is missing. An entry found has its last-modified
   * time set to now, so that {@link #maxBytes(long)} evicts it after those used less recently;
   * where that fails (a read-only directory), the entry still loads.
   *
   * @throws dev.taskwire.runtime.serial.RejectedClassException if the file holds a class outside
   *     the key's allow-list, or breaks one of its limits; the run counts it as a miss
   * @throws IOException if the file system fails to open or read the file (the entry is kept)
   */
  @Override
  public Optional<Object> load(ResultKey key) throws IOException {
    Path file = fileOf(key);
    if (maxAge != null && expired(file)) {
      return Optional.empty();
    }
    SeekableByteChannel channel;
    try {
      channel = Files.newByteChannel(file);
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    }
    Object result;
    try (channel;
        FileInput in = new FileInput(Channels.newInputStream(channel))) {
      long length = channel.size();
      try {
        result = key.allowList().read(in, length, Thread.currentThread().getContextClassLoader());
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
    touch(file);
    return Optional.ofNullable(result);
  }

  /**
   * Whether {@code file} is older than {@link #maxAge(Duration)}; if so it is deleted, if it can
   * be.
   */
  private boolean expired(Path file) throws IOException {
    Instant modified;
    try {
      modified = Files.getLastModifiedTime(file).toInstant();
    } catch (NoSuchFileException missing) {
      return false; // opening it finds it missing too
    }
    // Duration.between cannot overflow for a file's times, as now.minus(maxAge) could.
    if (Duration.between(modified, clock.instant()).compareTo(maxAge) <= 0) {
      return false;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException undeletable) {
      // A miss either way; a save that replaces it reports a directory it cannot write.
    }
    return true;
  }

  /** Marks {@code file} as used now. Best effort: it may be gone, or the directory read-only. */
  private void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
    } catch (IOException notTouched) {
      // It loaded; at worst it is evicted or expires a little early.
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Lists the key's code directory, and if that holds no entry, the task's other code
   * directories, each only until it finds one entry. A directory that is missing, or that another
   * process deletes meanwhile, holds none. Temporary files of saves under way are not entries.
   */
  @Override
  public StoreDecision explainMiss(ResultKey key) throws IOException {
    Path task = taskDirectory(key);
    String code = codeSegment(key);
    if (holdsEntry(task.resolve(code))) {
      return StoreDecision.INPUTS_CHANGED;
    }
    try (DirectoryStream<Path> codes = Files.newDirectoryStream(task)) {
      for (Path other : codes) {
        if (!other.getFileName().toString().equals(code) && holdsEntry(other)) {
          return StoreDecision.CODE_CHANGED;
        }
      }
    } catch (NoSuchFileException | NotDirectoryException gone) {
      return StoreDecision.NO_ENTRY;
    } catch (DirectoryIteratorException failed) {
      if (!(failed.getCause() instanceof NoSuchFileException)) {
        throw failed.getCause();
      }
    }
    return StoreDecision.NO_ENTRY;
  }

  /** Whether {@code directory} holds at least one entry; it lists no further than the first. */
  private static boolean holdsEntry(Path directory) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + ENTRY)) {
      return entries.iterator().hasNext();
    } catch (NoSuchFileException | NotDirectoryException gone) {
      return false; // never made, deleted by a clear or an eviction, or a file of another layout
    } catch (DirectoryIteratorException failed) {
      if (failed.getCause() instanceof NoSuchFileException) {
        return false;
      }
      throw failed.getCause();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A {@link #clear()} at the same time, in this or another process, may delete the directory or
   * the temporary file while it is written; then the save is tried once more, and if a clear takes
   * that one too the result is not kept and this returns normally, as for any result saved while a
   * clear runs (see {@link #clear()}).
   *
   * <p>With {@link #maxBytes(long)}, a save that takes the store over the bound then deletes the
   * least recently used entries. Entries that vanish meanwhile (another process evicted or cleared
   * them) are skipped.
   *
   * @throws IOException also if the result was saved but the directory could not be counted, or an
   *     entry could not be deleted, to keep it to {@link #maxBytes(long)}
   */
  @Override
  public void save(ResultKey key, Object result) throws IOException {
    Path file = fileOf(key);
    String prefix = segment(key.fingerprint());
    long size = trySave(file, prefix, result);
    if (size == CLEARED) {
      size = trySave(file, prefix, result);
    }
    if (size != CLEARED && maxBytes != UNBOUNDED) {
      keepToMaxBytes(file, size);
    }
  }

  /**
   * The size of the file saved, or {@code CLEARED} if a clear deleted the directory or the
   * temporary file before it was moved into place.
   */
  private static long trySave(Path file, String prefix, Object result) throws IOException {
    Path temporary;
    try {
      Files.createDirectories(file.getParent());
      temporary = Files.createTempFile(file.getParent(), prefix, ".tmp");
    } catch (NoSuchFileException cleared) {
      return CLEARED;
    } catch (FileAlreadyExistsException raced) {
      // createDirectories says so too when a directory it found is deleted before it checks it.
      String named = raced.getFile();
      Path existing = named == null ? file.getParent() : file.getFileSystem().getPath(named);
      if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(existing)) {
        throw raced; // a file is where a directory should be: not a clear
      }
      return CLEARED;
    }
    try {
      OutputStream out;
      try {
        out = Files.newOutputStream(temporary);
      } catch (NoSuchFileException cleared) {
        return CLEARED;
      }
      // The result's own serialization may throw anything, NoSuchFileException too: thrown.
      try (out;
          ObjectOutputStream objects = new ObjectOutputStream(out)) {
        objects.writeObject(result);
      }
      try {
        long size = Files.size(temporary);
        move(temporary, file);
        return size;
      } catch (NoSuchFileException cleared) {
        return CLEARED;
      }
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

  /** Adds the entry just saved to the estimate, and evicts if the estimate is over the bound. */
  private void keepToMaxBytes(Path saved, long size) throws IOException {
    long counted = estimate.get() == UNCOUNTED ? countFirst(size) : estimate.addAndGet(size);
    if (counted > maxBytes) {
      evict(saved);
    }
  }

  /** The estimate after the first save: a walk, which sees the entry just saved. */
  private long countFirst(long size) throws IOException {
    walking.lock();
    try {
      if (estimate.get() == UNCOUNTED) {
        long total = 0;
        for (Entry entry : entries()) {
          total += entry.size();
        }
        estimate.set(total);
        return total;
      }
    } finally {
      walking.unlock();
    }
    return estimate.addAndGet(size); // another thread counted first
  }

  /**
   * Walks the directory, and if its entries are over {@link #maxBytes(long)}, deletes the least
   * recently used ones but {@code saved} until they are at {@code LOW_WATER} of it.
   */
  private void evict(Path saved) throws IOException {
    walking.lock();
    try {
      long before = estimate.get();
      if (before <= maxBytes) {
        return; // another thread evicted while this one waited
      }
      List<Entry> entries = entries();
      long total = 0;
      for (Entry entry : entries) {
        total += entry.size();
      }
      try {
        if (total > maxBytes) {
          long target = (long) (maxBytes * LOW_WATER);
          entries.sort(Comparator.comparing(Entry::modified).thenComparing(Entry::file));
          for (Entry entry : entries) {
            if (total <= target) {
              break;
            }
            if (!entry.file().equals(saved)) {
              Files.deleteIfExists(entry.file()); // false: another process deleted it
              total -= entry.size();
            }
          }
        }
      } finally {
        // Saves by other threads during the walk stay counted, even if the walk saw them too.
        estimate.addAndGet(total - before);
      }
    } finally {
      walking.unlock();
    }
  }

  /** An entry as a walk found it. */
  private record Entry(Path file, long size, FileTime modified) {}

  /** The entries in the directory: not temporary files, nor what vanishes while it is walked. */
  private List<Entry> entries() throws IOException {
    List<Entry> entries = new ArrayList<>();
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && file.getFileName().toString().endsWith(ENTRY)) {
              entries.add(new Entry(file, attributes.size(), attributes.lastModifiedTime()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure)
              throws IOException {
            if (failure instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw failure;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException failure)
              throws IOException {
            if (failure != null && !(failure instanceof NoSuchFileException)) {
              throw failure;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return entries;
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

  private Path taskDirectory(ResultKey key) {
    return directory.resolve(segment(key.pipeline())).resolve(segment(key.task()));
  }

  private static String codeSegment(ResultKey key) {
    return key.code().isEmpty() ? UNKNOWN_CODE : segment(key.code());
  }

  private Path fileOf(ResultKey key) {
    return taskDirectory(key).resolve(codeSegment(key)).resolve(segment(key.fingerprint()) + ENTRY);
  }

  /**
   * {@code name} as one path segment. Task and class names, and the hex fingerprints a run makes,
   * are safe already; this guards hand-built graphs and keys.
   */
  private static String segment(String name) {
    String safe = UNSAFE.matcher(name).replaceAll("_");
    return safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe; // "", "." and ".." too
  }

  /** The directory and the bounds, as warnings about the store print it. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("FileResultStore[").append(directory);
    if (maxBytes != UNBOUNDED) {
      text.append(", maxBytes=").append(maxBytes);
    }
    if (maxAge != null) {
      text.append(", maxAge=").append(maxAge);
    }
    return text.append(']').toString();
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
