package dev.taskwire.samples;

import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.Trace;
import java.util.Arrays;
import java.util.Locale;

/**
 * Draws traces as text, one row per task and one column per time slice, so that tasks that ran at
 * the same time are visibly stacked:
 *
 * <pre>
 * uploadTrain         |##############                      |  0.00-0.71 s
 * uploadForecast      |###############                     |  0.00-0.74 s
 * train               |              #####################|  0.71-1.76 s
 * </pre>
 */
final class GanttChart {
  private final long nanosPerColumn;
  private final int width;

  /** A chart {@code width} columns wide that fits traces up to {@code longestNanos}. */
  GanttChart(long longestNanos, int width) {
    this.width = width;
    long perColumn = (longestNanos + width - 1) / width;
    long millis = Math.max(1, (perColumn + 999_999) / 1_000_000);
    this.nanosPerColumn = millis * 1_000_000;
  }

  long millisPerColumn() {
    return nanosPerColumn / 1_000_000;
  }

  /** One row per task of the trace, in the graph's order; tasks that never started stay empty. */
  String render(Trace trace, String indent) {
    StringBuilder chart = new StringBuilder();
    for (TaskSpan span : trace.tasks()) {
      char[] row = new char[width];
      Arrays.fill(row, ' ');
      String times = "did not run";
      if (span.ran()) {
        int first = (int) Math.min(width - 1, span.startNanos() / nanosPerColumn);
        int last =
            (int) Math.min(width - 1, Math.max(first, (span.endNanos() - 1) / nanosPerColumn));
        char mark =
            switch (span.ending()) {
              case SUCCEEDED -> '#';
              case FAILED -> 'X';
              default -> '~';
            };
        Arrays.fill(row, first, last + 1, mark);
        times =
            String.format(
                Locale.ROOT,
                "%.2f-%.2f s%s",
                span.startNanos() / 1e9,
                span.endNanos() / 1e9,
                span.ending() == TaskSpan.Ending.SUCCEEDED ? "" : " " + span.ending().word());
      }
      chart.append(
          String.format(
              Locale.ROOT, "%s%-20s|%s| %s%n", indent, span.task(), new String(row), times));
    }
    return chart.toString();
  }
}
