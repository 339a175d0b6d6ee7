package dev.taskwire.runtime.trace;

import dev.taskwire.runtime.TaskGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Trace} in the Chrome Trace Event format (the JSON that Perfetto and {@code
 * chrome://tracing} open), by hand, since the runtime has no dependencies.
 *
 * <p>One row per task, not per thread: an async task holds no thread while it waits, so its slice
 * would overlap the unrelated tasks that later ran on the thread that called it, and the viewers
 * need the slices of one row to nest. A row per task reads like the HTML timeline; the thread that
 * called each attempt is in the slice's arguments. Row 0 is the run itself. Each attempt is a
 * complete event ({@code "ph":"X"}, {@code ts} and {@code dur} in microseconds); a task that never
 * started gets an instant event at the run's end; each dependency between two tasks that ran is a
 * flow arrow.
 */
final class ChromeTrace {
  private static final int PID = 1;
  private static final int RUN_ROW = 0;

  private ChromeTrace() {}

  static String write(Trace trace) {
    CriticalPath critical = trace.criticalPath();
    TaskGraph graph = trace.graph();
    List<String> events = new ArrayList<>();
    events.add(metadata("process_name", RUN_ROW, "name", string("taskwire " + trace.pipeline())));
    events.add(metadata("thread_name", RUN_ROW, "name", string("run")));
    events.add(metadata("thread_sort_index", RUN_ROW, "sort_index", "0"));
    events.add(
        event("X", "run", "run", RUN_ROW, 0)
            .number("dur", micros(trace.durationNanos()))
            .raw(
                "args",
                new Json()
                    .string("outcome", trace.ending().word())
                    .string("critical_path", critical.report())
                    .end())
            .end());
    List<TaskSpan> spans = trace.tasks();
    for (int task = 0; task < spans.size(); task++) {
      TaskSpan span = spans.get(task);
      int row = task + 1;
      events.add(metadata("thread_name", row, "name", string(span.task())));
      events.add(metadata("thread_sort_index", row, "sort_index", Integer.toString(row)));
      if (!span.ran()) {
        events.add(
            event(
                    "i",
                    span.task() + " (" + span.ending().word() + ")",
                    "task",
                    row,
                    trace.durationNanos())
                .string("s", "t")
                .raw("args", new Json().string("outcome", span.ending().word()).end())
                .end());
        continue;
      }
      List<TaskSpan.Attempt> attempts = span.attempts();
      for (int i = 0; i < attempts.size(); i++) {
        TaskSpan.Attempt attempt = attempts.get(i);
        boolean last = i == attempts.size() - 1;
        Json args =
            new Json()
                .string("outcome", last ? span.ending().word() : "failed, retried")
                .number("attempt", Integer.toString(attempt.number()))
                .number("attempts", Integer.toString(attempts.size()))
                .string("thread", attempt.thread())
                .raw("depends_on", array(graph.dependencies(span.task())))
                .string("slack", Durations.readable(critical.slackNanos(span.task()).orElseThrow()))
                .raw("critical", Boolean.toString(critical.contains(span.task())));
        if (attempt.failure() != null) {
          args.string("failure", attempt.failure());
        }
        if (i == 0 && span.store() != null) {
          args.string("result_store", span.store().words());
        }
        if (i == 0 && span.limitWaitNanos() > 0) {
          args.string("waited_for_limit", Durations.readable(span.limitWaitNanos()));
        }
        events.add(
            event("X", span.task(), "task", row, attempt.startNanos())
                .number("dur", micros(attempt.durationNanos()))
                .raw("args", args.end())
                .end());
      }
    }
    addFlows(trace, events);
    return "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n"
        + String.join(",\n", events)
        + "\n]}\n";
  }

  /** An arrow from each prerequisite's (last) slice to its dependent's first slice. */
  private static void addFlows(Trace trace, List<String> events) {
    List<TaskSpan> spans = trace.tasks();
    int id = 0;
    for (int task = 0; task < spans.size(); task++) {
      for (int prerequisite : trace.graph().dependencyIndices(task)) {
        TaskSpan from = spans.get(prerequisite);
        TaskSpan to = spans.get(task);
        if (!from.ran() || !to.ran()) {
          continue;
        }
        id++;
        String name = from.task() + " -> " + to.task();
        List<TaskSpan.Attempt> fromAttempts = from.attempts();
        // Each end binds to the slice that encloses its timestamp, so both sit at a slice's start.
        events.add(
            event(
                    "s",
                    name,
                    "dependency",
                    prerequisite + 1,
                    fromAttempts.get(fromAttempts.size() - 1).startNanos())
                .number("id", Integer.toString(id))
                .end());
        events.add(
            event("f", name, "dependency", task + 1, to.startNanos())
                .number("id", Integer.toString(id))
                .string("bp", "e")
                .end());
      }
    }
  }

  private static Json event(String phase, String name, String category, int row, long nanos) {
    return new Json()
        .string("ph", phase)
        .string("name", name)
        .string("cat", category)
        .number("pid", Integer.toString(PID))
        .number("tid", Integer.toString(row))
        .number("ts", micros(nanos));
  }

  private static String metadata(String name, int row, String key, String value) {
    return new Json()
        .string("ph", "M")
        .string("name", name)
        .number("pid", Integer.toString(PID))
        .number("tid", Integer.toString(row))
        .raw("args", new Json().raw(key, value).end())
        .end();
  }

  /** Nanoseconds as exact decimal microseconds: 1234567 becomes {@code 1234.567}. */
  static String micros(long nanos) {
    String fraction = Long.toString(Math.abs(nanos % 1000));
    return (nanos < 0 ? "-" : "")
        + Math.abs(nanos / 1000)
        + "."
        + "0".repeat(3 - fraction.length())
        + fraction;
  }

  private static String array(List<String> values) {
    List<String> strings = new ArrayList<>(values.size());
    values.forEach(value -> strings.add(string(value)));
    return "[" + String.join(",", strings) + "]";
  }

  /** A JSON string literal: quotes, backslashes and control characters escaped. */
  static String string(String value) {
    StringBuilder json = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          // Control characters must be escaped; U+2028/9 too, or the JSON is not valid JS.
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }

  /** One JSON object, written field by field. */
  private static final class Json {
    private final StringBuilder json = new StringBuilder("{");

    Json string(String key, String value) {
      return raw(key, ChromeTrace.string(value));
    }

    Json number(String key, String value) {
      return raw(key, value);
    }

    Json raw(String key, String value) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(ChromeTrace.string(key)).append(':').append(value);
      return this;
    }

    String end() {
      return json.append('}').toString();
    }
  }
}
