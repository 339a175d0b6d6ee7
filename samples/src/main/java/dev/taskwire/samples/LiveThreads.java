package dev.taskwire.samples;

import java.util.Map;
import java.util.TreeMap;

/** The live threads of this JVM, counted by pool, for reports about thread use. */
final class LiveThreads {
  private LiveThreads() {}

  /**
   * E.g. {@code automl-client-http x2, main x1, ...}: thread names with their trailing counter
   * removed ({@code automl-client-http-2} counts as {@code automl-client-http}).
   */
  static String byPool() {
    Map<String, Integer> pools = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      pools.merge(thread.getName().replaceFirst("[-#]?\\d+$", ""), 1, Integer::sum);
    }
    StringBuilder text = new StringBuilder();
    pools.forEach(
        (pool, count) ->
            text.append(text.length() == 0 ? "" : ", ").append(pool).append(" x").append(count));
    return text.toString();
  }
}
