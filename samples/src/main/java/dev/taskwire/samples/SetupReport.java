package dev.taskwire.samples;

import dev.taskwire.runtime.TaskGraph;
import java.io.PrintStream;
import java.util.List;

/**
 * The lines a demo prints before it runs: where the service is and how slow its jobs are, the data,
 * the threads, and the pipeline's tasks with what each one waits for.
 */
final class SetupReport {
  private SetupReport() {}

  static void print(
      String title, SampleServices services, HousingData data, TaskGraph graph, PrintStream out) {
    out.println(title);
    out.println("  service:  embedded AutoML service at " + services.server().baseUri());
    out.println("            job latencies: " + services.server().config());
    out.println(
        "  data:     "
            + HousingData.TRAIN_FILE
            + " ("
            + data.train().rowCount()
            + " rows) and "
            + HousingData.FORECAST_FILE
            + " ("
            + data.forecast().rowCount()
            + " rows); predicting "
            + HousingData.TARGET);
    out.println("  threads:  " + services.threadsInWords());
    out.println("  tasks:    " + graphInWords(graph));
  }

  /** "task <- its prerequisites" for each task, in declaration order. */
  private static String graphInWords(TaskGraph graph) {
    StringBuilder words = new StringBuilder();
    for (String task : graph.taskNames()) {
      List<String> needs = graph.dependencies(task);
      words.append(words.length() == 0 ? "" : "; ").append(task);
      if (!needs.isEmpty()) {
        words.append(" <- ").append(String.join(", ", needs));
      }
    }
    return words.toString();
  }
}
