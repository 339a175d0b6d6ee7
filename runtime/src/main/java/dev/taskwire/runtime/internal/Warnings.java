package dev.taskwire.runtime.internal;

import java.util.function.Supplier;

/**
 * The warnings a run logs about failures it survives: a listener or a result store that threw, an
 * event it could not report. Logging them never throws in turn: the message may call user code
 * ({@code toString()} of a listener or a store) and the logger may be the application's, and a
 * failure there must not reach the scheduler, which would then lose track of a task.
 */
final class Warnings {
  private static final System.Logger LOG = System.getLogger("dev.taskwire.runtime");

  private Warnings() {}

  /** Logs {@code message} and {@code thrown} as a warning; if that fails, the warning is lost. */
  static void warn(Supplier<String> message, Throwable thrown) {
    log(System.Logger.Level.WARNING, message, thrown);
  }

  /** Logs a failure seen before, at DEBUG: repeats of one failure must not flood the log. */
  static void again(Supplier<String> message, Throwable thrown) {
    log(System.Logger.Level.DEBUG, message, thrown);
  }

  private static void log(System.Logger.Level level, Supplier<String> message, Throwable thrown) {
    try {
      LOG.log(level, message, thrown);
    } catch (Throwable unreported) {
      // Nothing is left to report it to; the run goes on as it would have after the log.
    }
  }
}
