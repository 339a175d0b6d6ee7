package dev.taskwire.samples;

import java.io.Console;
import java.io.PrintStream;

/**
 * Whether the samples print to a terminal: there the progress bar is redrawn in place; in a pipe, a
 * log or a test it prints one line per event instead.
 */
final class Terminal {
  private Terminal() {}

  /** Whether {@code out} is standard output and the JVM runs on a terminal. */
  static boolean isTerminal(PrintStream out) {
    return out == System.out && isTerminal(System.console());
  }

  /**
   * Until Java 21, {@code System.console()} is null unless the JVM runs on a terminal; from Java 22
   * it is never null, and {@code Console.isTerminal()} (Java 22+) tells. The runtime's {@code
   * ConsoleProgress.toStandardError()} decides the same way.
   */
  private static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException beforeJava22) {
      return true;
    }
  }
}
