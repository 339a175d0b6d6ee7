package dev.taskwire.runtime.trace;

import java.util.Locale;

/**
 * Durations as people read them in reports, to about three digits: "0 s", "850 µs", "4.2 ms", "35
 * ms", "4.21 s", "42.1 s", "2 min 5 s".
 */
final class Durations {
  private Durations() {}

  static String readable(long nanos) {
    if (nanos == 0) {
      return "0 s";
    }
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return Math.round(nanos / 1e3) + " µs";
    }
    if (nanos < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    if (nanos < 1_000_000_000) {
      return Math.round(nanos / 1e6) + " ms";
    }
    if (nanos < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
    if (nanos < 60_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    long seconds = Math.round(nanos / 1e9);
    return seconds / 60 + " min " + seconds % 60 + " s";
  }
}
