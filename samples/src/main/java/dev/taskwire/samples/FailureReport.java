package dev.taskwire.samples;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.trace.TaskSpan;
import dev.taskwire.runtime.trace.Trace;
import dev.taskwire.samples.automl.server.AutoMlServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Explains a failed run: which task failed and why (the exception taskwire hands back), what became
 * of every other task and whether it depended on the failed one, and what the server's jobs look
 * like afterwards, so one can see that nothing was left running.
 */
final class FailureReport {
  private FailureReport() {}

  static void print(PipelineException failure, Trace trace, AutoMlServer server, PrintStream out)
      throws InterruptedException {
    TaskGraph graph = trace.graph();
    String failed = taskOf(failure.failedTask());
    Throwable cause = failure.getCause();
    out.println();
    out.println("The run ended with a PipelineException:");
    out.println("  failedTask(): " + failure.failedTask());
    out.println("  getCause():   " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    if (failure.failures().size() > 1) {
      out.println("  also failed:  " + failure.failures().keySet().stream().skip(1).toList());
    }
    out.println();
    out.println("Every task:");
    Set<String> downstream = dependentsOf(failed, graph);
    for (String task : graph.taskNames()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-20s %s",
              task,
              fate(task, failed, downstream.contains(task), trace.task(task))));
    }
    out.println();
    boolean settled = server.awaitNoOpenJobs(Duration.ofSeconds(2));
    out.println("The service's jobs afterwards" + (settled ? " (none left open)" : "") + ":");
    for (AutoMlServer.JobSummary job : server.jobs()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-7s %-11s %-20s %s%s",
              job.id(),
              job.kind().wireName(),
              job.label(),
              job.state().wireName(),
              job.error() == null ? "" : ": " + job.error()));
    }
    if (server.jobs().isEmpty()) {
      out.println("  (none)");
    }
  }

  private static String fate(String task, String failed, boolean dependsOnFailed, TaskSpan span) {
    if (task.equals(failed)) {
      return span.ran() ? String.format(Locale.ROOT, "FAILED after %d ms", millis(span)) : "FAILED";
    }
    String relation =
        dependsOnFailed ? "it depends on " + failed : "it does not depend on " + failed;
    if (!span.ran()) {
      return dependsOnFailed
          ? "did not run: " + relation
          : "did not run: " + relation + ", but the run stops at the first failure";
    }
    return switch (span.ending()) {
      case SUCCEEDED ->
          String.format(Locale.ROOT, "succeeded in %d ms, before the failure", millis(span));
      case CANCELLED ->
          "cancelled while running ("
              + relation
              + "); the client asked the service"
              + " to stop its job";
      default -> "failed too: " + span.attempts().get(span.attempts().size() - 1).failure();
    };
  }

  /** The task an element belongs to: {@code train} for {@code train[3]}; else the name itself. */
  static String taskOf(String failedTask) {
    int bracket = failedTask.indexOf('[');
    return bracket < 0 ? failedTask : failedTask.substring(0, bracket);
  }

  private static long millis(TaskSpan span) {
    return span.durationNanos() / 1_000_000;
  }

  /** Every task that needs {@code task}'s result, directly or through others. */
  static Set<String> dependentsOf(String task, TaskGraph graph) {
    Set<String> found = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (String candidate : graph.taskNames()) {
        if (found.contains(candidate)) {
          continue;
        }
        List<String> needs = graph.dependencies(candidate);
        if (needs.contains(task) || needs.stream().anyMatch(found::contains)) {
          grew |= found.add(candidate);
        }
      }
    }
    return found;
  }
}
