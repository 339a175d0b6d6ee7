package dev.taskwire.runtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what taskwire logs (through {@code System.Logger}, which is {@code java.util.logging} on
 * a plain JDK) while it is open, so that a test can count the warnings.
 */
public final class LoggedWarnings implements AutoCloseable {
  /** Held, so that the logger (weakly referenced by its manager) keeps the handler added here. */
  private final Logger taskwire = Logger.getLogger("dev.taskwire");

  private final List<LogRecord> records = new ArrayList<>();

  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  public LoggedWarnings() {
    handler.setLevel(Level.ALL);
    taskwire.addHandler(handler);
  }

  /** The warnings and worse logged since this was opened. */
  public List<LogRecord> logged() {
    synchronized (records) {
      return records.stream()
          .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
          .toList();
    }
  }

  @Override
  public void close() {
    taskwire.removeHandler(handler);
  }
}
