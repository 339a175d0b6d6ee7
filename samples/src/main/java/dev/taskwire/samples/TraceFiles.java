package dev.taskwire.samples;

import dev.taskwire.runtime.trace.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Saves a run's trace as Chrome JSON (for Perfetto) and as an HTML timeline, and prints the run's
 * critical path: what to look at when a run is slower than expected.
 */
final class TraceFiles {
  /** Where the trace files go: exec:java sets the samples module's target directory. */
  private static final Path OUTPUT =
      Path.of(System.getProperty("taskwire.sample.output", "target"));

  private TraceFiles() {}

  /** Writes {@code NAME-trace.json} and {@code NAME-timeline.html}; prints where, and why. */
  static void save(Trace trace, String name, PrintStream out) throws IOException {
    Path json = OUTPUT.resolve(name + "-trace.json").toAbsolutePath().normalize();
    Path html = OUTPUT.resolve(name + "-timeline.html").toAbsolutePath().normalize();
    trace.writeChromeJson(json);
    trace.writeHtml(html);
    out.println();
    out.println("Critical path: " + trace.criticalPath().report());
    out.println("  trace:    " + json + " (open it in https://ui.perfetto.dev)");
    out.println("  timeline: " + html);
  }
}
