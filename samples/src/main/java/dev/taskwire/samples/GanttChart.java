package dev.taskwire.samples;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Draws timelines as text, one row per task and one column per time slice, so that tasks that
 * ran at the same time are visibly stacked:
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

  /** A chart {@code width} columns wide that fits timelines up to {@code longestNanos}. */
  GanttChart(long longestNanos, int width) {
    this.width = width;
    long perColumn = (longestNanos + width - 1) / width;
    long millis = Math.max(1, (perColumn + 999_999) / 1_000_000);
    this.nanosPerColumn = millis * 1_000_000;
  }

  long millisPerColumn() {
    return nanosPerColumn / 1_000_000;
  }

  /** One row per task of {@code tasks}, in that order; tasks that never started stay empty. */
  String render(TaskTimeline timeline, List<String> tasks, String indent) {
    StringBuilder chart = new StringBuilder();
    for (String task : tasks) {
      Optional<TaskTimeline.Span> span = timeline.span(task);
      char[] row = new char[width];
      Arrays.fill(row, ' ');
      String times = "did not run";
      if (span.isPresent() && span.get().ended()) {
        TaskTimeline.Span s = span.get();
        int first = (int) Math.min(width - 1, s.start() / nanosPerColumn);
        int last = (int) Math.min(width - 1, Math.max(first, (s.end() - 1) / nanosPerColumn));
        char mark = switch (s.outcome()) {
          case SUCCEEDED -> '#';
          case FAILED -> 'X';
          case CANCELLED -> '~';
        };
        for (int column = first; column <= last; column++) {
          row[column] = mark;
        }
        times = String.format(Locale.ROOT, "%.2f-%.2f s%s", s.start() / 1e9, s.end() / 1e9,
            s.outcome() == TaskTimeline.Outcome.SUCCEEDED ? ""
                : " " + s.outcome().name().toLowerCase(Locale.ROOT));
      }
      chart.append(String.format(Locale.ROOT, "%s%-20s|%s| %s%n", indent, task, new String(row),
          times));
    }
    return chart.toString();
  }
}
