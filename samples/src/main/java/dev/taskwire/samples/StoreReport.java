package dev.taskwire.samples;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.StoreDecision;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run's result store decided for each task, heard through {@link TaskListener#taskLookedUp}:
 * "from store", or "ran" and why. The elements of a fan-out task are looked up one by one; their
 * task's line counts them when they were not all decided alike ("3 from store, 2 ran (no entry)").
 * Follows one run at a time: each run starts it afresh.
 */
final class StoreReport implements TaskListener {
  private final TaskGraph graph;

  /**
   * Per task the run looked up, by its index in the graph: how many of its look-ups (one, or one
   * per element) the store decided each way, in the order first heard.
   */
  private final Map<Integer, Map<StoreDecision, Integer>> decisions = new TreeMap<>();

  StoreReport(TaskGraph graph) {
    this.graph = graph;
  }

  @Override
  public synchronized void runStarted(RunEvent event) {
    decisions.clear();
  }

  @Override
  public synchronized void taskLookedUp(TaskEvent event, StoreDecision decision) {
    decisions
        .computeIfAbsent(event.index(), task -> new LinkedHashMap<>())
        .merge(decision, 1, Integer::sum);
  }

  /** One line per task the last run looked up, in the graph's order: where its result came from. */
  synchronized void print(PrintStream out) {
    decisions.forEach(
        (task, counts) ->
            out.println(
                String.format(
                    Locale.ROOT,
                    "  %-20s %s",
                    graph.taskNames().get(task),
                    counts.size() == 1
                        ? words(counts.keySet().iterator().next())
                        : counts.entrySet().stream()
                            .map(count -> count.getValue() + " " + words(count.getKey()))
                            .collect(Collectors.joining(", ")))));
  }

  private static String words(StoreDecision decision) {
    return decision.isHit() ? "from store" : "ran (" + decision.words() + ")";
  }
}
