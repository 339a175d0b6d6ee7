package dev.taskwire.samples;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.StoreDecision;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's result store decided for each task, heard through {@link TaskListener#taskLookedUp}:
 * "from store", or "ran" and why. A fan-out task is looked up whole, under all its inputs, so it is
 * one line. Follows one run at a time: each run starts it afresh.
 */
final class StoreReport implements TaskListener {
  private final TaskGraph graph;

  /** Per task the run looked up, by its index in the graph: the store's decision. */
  private final Map<Integer, StoreDecision> decisions = new TreeMap<>();

  StoreReport(TaskGraph graph) {
    this.graph = graph;
  }

  @Override
  public synchronized void runStarted(RunEvent event) {
    decisions.clear();
  }

  @Override
  public synchronized void taskLookedUp(TaskEvent event, StoreDecision decision) {
    decisions.put(event.index(), decision);
  }

  /** One line per task the last run looked up, in the graph's order: where its result came from. */
  synchronized void print(PrintStream out) {
    decisions.forEach(
        (task, decision) ->
            out.println(
                String.format(
                    Locale.ROOT,
                    "  %-20s %s",
                    graph.taskNames().get(task),
                    decision.isHit() ? "from store" : "ran (" + decision.words() + ")")));
  }
}
