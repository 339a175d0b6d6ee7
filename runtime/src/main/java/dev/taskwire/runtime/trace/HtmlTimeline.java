package dev.taskwire.runtime.trace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Trace} as one self-contained HTML page: inline CSS and SVG, no script, nothing
 * fetched, so the file can be mailed, archived by CI or opened offline. One row per task in the
 * graph's order; one bar per attempt, coloured by outcome; the critical path outlined and joined by
 * arrows; a time axis on top; a legend below. Each row's SVG {@code <title>} is its tooltip.
 */
final class HtmlTimeline {
  static final String SUCCEEDED = "#52a675";
  static final String FAILED = "#d9534f";
  static final String CANCELLED = "#e8a33d";
  static final String RETRIED = "#f2b8b5";
  static final String CRITICAL = "#1f2d4d";

  private static final int WIDTH = 1100;
  private static final int RIGHT_MARGIN = 110;
  private static final int AXIS_HEIGHT = 26;
  private static final int ROW_HEIGHT = 28;
  private static final int BAR_HEIGHT = 16;
  private static final double CHAR_WIDTH = 7.2;

  private final Trace trace;
  private final CriticalPath critical;
  private final int labelWidth;
  private final long totalNanos;
  private final StringBuilder svg = new StringBuilder();

  private HtmlTimeline(Trace trace) {
    this.trace = trace;
    this.critical = trace.criticalPath();
    int longestName = trace.graph().taskNames().stream().mapToInt(String::length).max().orElse(0);
    this.labelWidth = (int) Math.min(280, Math.max(120, longestName * CHAR_WIDTH + 28));
    long lastEnd =
        trace.tasks().stream().filter(TaskSpan::ran).mapToLong(TaskSpan::endNanos).max().orElse(0);
    this.totalNanos = Math.max(1, Math.max(trace.durationNanos(), lastEnd));
  }

  static String write(Trace trace) {
    return new HtmlTimeline(trace).page();
  }

  private String page() {
    List<TaskSpan> spans = trace.tasks();
    int height = topOf(spans.size()) + 8;
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(escape("timeline of " + trace.pipeline()))
        .append("\">\n")
        .append(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\""
                + " markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L6,3 L0,6 z\""
                + " fill=\"")
        .append(CRITICAL)
        .append("\"/></marker></defs>\n");
    // Back to front: stripes, then the grid, then the bars, so grid lines never cross a bar.
    for (int task = 0; task < spans.size(); task += 2) {
      svg.append("<rect class=\"stripe\" x=\"0\" y=\"")
          .append(topOf(task))
          .append("\" width=\"")
          .append(WIDTH)
          .append("\" height=\"")
          .append(ROW_HEIGHT)
          .append("\" fill=\"#f7f8fa\"/>\n");
    }
    axis(height);
    for (int task = 0; task < spans.size(); task++) {
      row(task, spans.get(task));
    }
    criticalArrows();
    svg.append("</svg>\n");
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>"
        + escape(
            simpleName()
                + " run: "
                + trace.ending().word()
                + " in "
                + Durations.readable(trace.durationNanos()))
        + "</title>\n"
        + "<style>\n"
        + STYLE
        + "</style>\n</head>\n<body>\n"
        + header()
        + svg
        + legend()
        + "</body>\n</html>\n";
  }

  private static final String STYLE =
      """
      body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
             color: #1d2330; background: #fff; margin: 24px 28px; }
      h1 { font-size: 20px; margin: 0; }
      h1 small { font-weight: normal; color: #667085; font-size: 13px; margin-left: 8px; }
      p { margin: 4px 0 14px; color: #475467; }
      .badge { display: inline-block; padding: 0 8px; border-radius: 9px; color: #fff;
               font-size: 12px; font-weight: 600; }
      svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
      .name { fill: #1d2330; }
      .name.critical { font-weight: 700; }
      .note { fill: #667085; }
      .axis { fill: #667085; font-size: 11px; }
      .grid { stroke: #e4e7ec; }
      .row:hover .hover { fill: #c9d6f5; fill-opacity: 0.35; }
      .legend { display: flex; gap: 18px; margin-top: 10px; color: #475467; font-size: 13px; }
      .legend span::before { content: ""; display: inline-block; width: 14px; height: 10px;
                             margin-right: 6px; border-radius: 2px; vertical-align: -1px;
                             background: var(--c); border: 2px solid var(--b, transparent); }
      """;

  private String header() {
    String outcomeColor = color(trace.ending());
    StringBuilder path = new StringBuilder();
    for (String task : critical.tasks()) {
      path.append(path.length() == 0 ? "" : " &#8594; ").append(escape(task));
    }
    return "<h1>"
        + escape(simpleName())
        + "<small>"
        + escape(trace.pipeline())
        + "</small></h1>\n"
        + "<p><span class=\"badge\" style=\"background:"
        + outcomeColor
        + "\">"
        + trace.ending().word()
        + "</span> "
        + trace.tasks().size()
        + " tasks in "
        + Durations.readable(trace.durationNanos())
        + (critical.tasks().isEmpty()
            ? "; no task ran"
            : ". Critical path, "
                + Durations.readable(critical.pathNanos())
                + " of it: <b>"
                + path
                + "</b>")
        + "</p>\n";
  }

  private void row(int task, TaskSpan span) {
    double middle = middleOf(task);
    boolean onPath = critical.contains(span.task());
    svg.append("<g class=\"row\"><title>").append(escape(tooltip(span))).append("</title>\n");
    // Transparent but painted, so the whole row answers the pointer with its tooltip.
    svg.append("  <rect class=\"hover\" x=\"0\" y=\"")
        .append(topOf(task))
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(ROW_HEIGHT)
        .append("\" fill=\"transparent\"/>\n");
    svg.append("  <text class=\"name")
        .append(onPath ? " critical" : "")
        .append("\" x=\"12\" y=\"")
        .append(number(middle + 4))
        .append("\">")
        .append(escape(clip(span.task())))
        .append("</text>\n");
    if (!span.ran()) {
      svg.append("  <text class=\"note\" x=\"")
          .append(labelWidth + 6)
          .append("\" y=\"")
          .append(number(middle + 4))
          .append("\" font-style=\"italic\">")
          .append(
              switch (span.ending()) {
                case SKIPPED -> "skipped: never started";
                case SUPPLIED -> "supplied: given its value, not run";
                default -> span.ending().word() + " before it started";
              })
          .append("</text>\n</g>\n");
      return;
    }
    List<TaskSpan.Attempt> attempts = span.attempts();
    double barTop = middle - BAR_HEIGHT / 2.0;
    for (int i = 0; i < attempts.size(); i++) {
      TaskSpan.Attempt attempt = attempts.get(i);
      boolean last = i == attempts.size() - 1;
      double x = x(attempt.startNanos());
      double width = Math.max(2, x(attempt.endNanos()) - x);
      svg.append("  <rect x=\"")
          .append(number(x))
          .append("\" y=\"")
          .append(number(barTop))
          .append("\" width=\"")
          .append(number(width))
          .append("\" height=\"")
          .append(BAR_HEIGHT)
          .append("\" rx=\"3\" fill=\"")
          .append(last ? color(span.ending()) : RETRIED)
          .append('"')
          .append(last && onPath ? " stroke=\"" + CRITICAL + "\" stroke-width=\"2\"" : "")
          .append("/>\n");
      if (!last) {
        // The retry's backoff: no thread waits, so a thin line rather than a bar.
        svg.append("  <line x1=\"")
            .append(number(x + width))
            .append("\" y1=\"")
            .append(number(middle))
            .append("\" x2=\"")
            .append(number(x(attempts.get(i + 1).startNanos())))
            .append("\" y2=\"")
            .append(number(middle))
            .append("\" stroke=\"#98a2b3\" stroke-dasharray=\"2 2\"/>\n");
      }
    }
    svg.append("  <text class=\"note\" x=\"")
        .append(number(Math.max(x(span.endNanos()), x(span.startNanos()) + 2) + 6))
        .append("\" y=\"")
        .append(number(middle + 4))
        .append("\">")
        .append(Durations.readable(span.durationNanos()))
        .append(span.retries() == 0 ? "" : ", " + span.attempts().size() + " attempts")
        .append(span.store() == null || !span.store().isHit() ? "" : ", from the store")
        .append("</text>\n</g>\n");
  }

  private String tooltip(TaskSpan span) {
    StringBuilder text = new StringBuilder(span.task()).append(": ").append(span.ending().word());
    if (!span.ran()) {
      return text.append(
              switch (span.ending()) {
                case SKIPPED -> " (never started)";
                case SUPPLIED -> " (given its value, not run)";
                default -> " before it started";
              })
          .toString();
    }
    text.append("\nstarted ")
        .append(seconds(span.startNanos()))
        .append(", ended ")
        .append(seconds(span.endNanos()))
        .append(", took ")
        .append(Durations.readable(span.durationNanos()))
        .append("\non thread ")
        .append(span.thread());
    if (span.limitWaitNanos() > 0) {
      text.append("\nwaited ")
          .append(Durations.readable(span.limitWaitNanos()))
          .append(" for a permit of its limit");
    }
    if (span.store() != null) {
      text.append(
          span.store().isHit()
              ? "\nfrom the result store, not run"
              : "\nresult store missed (" + span.store().words() + "), so it ran");
    }
    if (span.retries() > 0) {
      text.append("\n")
          .append(span.attempts().size())
          .append(" attempts (")
          .append(span.retries())
          .append(span.retries() == 1 ? " retry)" : " retries)");
    }
    text.append("\nslack ")
        .append(Durations.readable(critical.slackNanos(span.task()).orElseThrow()))
        .append(critical.contains(span.task()) ? " (on the critical path)" : "");
    List<String> prerequisites = trace.graph().dependencies(span.task());
    if (!prerequisites.isEmpty()) {
      text.append("\ndepends on ").append(String.join(", ", prerequisites));
    }
    String failure = span.attempts().get(span.attempts().size() - 1).failure();
    if (failure != null) {
      text.append("\n").append(failure);
    }
    return text.toString();
  }

  /** Grid lines and labels at round times (1, 2 or 5 times a power of ten), about eight. */
  private void axis(int height) {
    long step = niceStep(totalNanos / 8.0);
    long unit =
        totalNanos >= 1_000_000_000 ? 1_000_000_000 : totalNanos >= 1_000_000 ? 1_000_000 : 1_000;
    String unitName = unit == 1_000_000_000 ? " s" : unit == 1_000_000 ? " ms" : " µs";
    int decimals =
        Math.max(
            0,
            BigDecimal.valueOf(step).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().scale());
    for (long at = 0; at <= totalNanos; at += step) {
      double x = x(at);
      svg.append("<line class=\"grid\" x1=\"")
          .append(number(x))
          .append("\" y1=\"")
          .append(AXIS_HEIGHT)
          .append("\" x2=\"")
          .append(number(x))
          .append("\" y2=\"")
          .append(height - 8)
          .append("\"/>\n");
      String label =
          BigDecimal.valueOf(at)
                  .divide(BigDecimal.valueOf(unit))
                  .setScale(decimals, RoundingMode.HALF_UP)
                  .toPlainString()
              + unitName;
      svg.append("<text class=\"axis\" x=\"")
          .append(number(x))
          .append("\" y=\"")
          .append(AXIS_HEIGHT - 8)
          .append("\" text-anchor=\"middle\">")
          .append(label)
          .append("</text>\n");
    }
  }

  static long niceStep(double rough) {
    long power = 1;
    while (power * 10 <= rough) {
      power *= 10;
    }
    for (long factor : new long[] {1, 2, 5, 10}) {
      if (power * factor >= rough) {
        return power * factor;
      }
    }
    return power * 10;
  }

  /** From the end of each critical task to the start of the next one. */
  private void criticalArrows() {
    List<String> path = critical.tasks();
    for (int i = 1; i < path.size(); i++) {
      int from = trace.graph().indexOf(path.get(i - 1));
      int to = trace.graph().indexOf(path.get(i));
      double x1 = x(trace.tasks().get(from).endNanos());
      double x2 = Math.max(x1 + 6, x(trace.tasks().get(to).startNanos()));
      double y1 = middleOf(from) + (to > from ? 1 : -1) * BAR_HEIGHT / 2.0;
      double y2 = middleOf(to);
      svg.append("<path d=\"M")
          .append(number(x1))
          .append(',')
          .append(number(y1))
          .append(" V")
          .append(number(y2))
          .append(" H")
          .append(number(x2))
          .append("\" fill=\"none\" stroke=\"")
          .append(CRITICAL)
          .append("\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
    }
  }

  private String legend() {
    return "<div class=\"legend\">"
        + "<span style=\"--c:"
        + SUCCEEDED
        + "\">succeeded</span>"
        + "<span style=\"--c:"
        + FAILED
        + "\">failed</span>"
        + "<span style=\"--c:"
        + CANCELLED
        + "\">cancelled</span>"
        + "<span style=\"--c:"
        + RETRIED
        + "\">failed attempt, retried</span>"
        + "<span style=\"--c:#fff;--b:"
        + CRITICAL
        + "\">critical path</span>"
        + "<em>Hover a row for its times, thread and slack.</em></div>\n";
  }

  private double x(long nanos) {
    return labelWidth + (double) nanos / totalNanos * (WIDTH - labelWidth - RIGHT_MARGIN);
  }

  private static int topOf(int task) {
    return AXIS_HEIGHT + 6 + task * ROW_HEIGHT;
  }

  private static double middleOf(int task) {
    return topOf(task) + ROW_HEIGHT / 2.0;
  }

  private static String color(TaskSpan.Ending outcome) {
    return switch (outcome) {
      case SUCCEEDED -> SUCCEEDED;
      case FAILED -> FAILED;
      case CANCELLED -> CANCELLED;
      case SKIPPED, SUPPLIED -> "#98a2b3";
    };
  }

  /** A name longer than the label column is cut with an ellipsis; the tooltip has it whole. */
  private String clip(String name) {
    int fits = (int) ((labelWidth - 20) / CHAR_WIDTH);
    return name.length() <= fits ? name : name.substring(0, Math.max(1, fits - 1)) + "…";
  }

  private String simpleName() {
    String pipeline = trace.pipeline();
    return pipeline.substring(pipeline.lastIndexOf('.') + 1);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * Text for HTML and SVG, in element content and in quoted attributes alike. Control characters
   * other than tab and line breaks are not allowed in either, so they become U+FFFD.
   */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        case '\t', '\n', '\r' -> escaped.append(c);
        default -> escaped.append(c < 0x20 ? '\uFFFD' : c);
      }
    }
    return escaped.toString();
  }
}
