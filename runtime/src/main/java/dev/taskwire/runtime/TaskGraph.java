package dev.taskwire.runtime;

import java.util.List;

/**
 * The static dependency graph of one pipeline class: its tasks in declaration order, the kind of
 * each, and which tasks each one depends on. A generated runner holds its graph as {@code
 * FooRunner.GRAPH}, built once and shared by every run; tools read it to draw the pipeline or to
 * report on it. Immutable and thread-safe.
 *
 * <p>Tasks are addressed by index (their position in declaration order) or by name. Only the
 * runtime implements this interface: a run accepts only the graphs that generated runners build.
 */
public interface TaskGraph {
  /** The name of the pipeline class this graph was generated from. */
  String pipeline();

  /** The number of tasks. */
  int size();

  /** The name of task {@code task}. */
  String name(int task);

  /** What task {@code task} returns. */
  TaskKind kind(int task);

  /** Task {@code task}'s timeout and retries. */
  TaskPolicy policy(int task);

  /**
   * Whether task {@code task} fans out: it runs once per element of a prerequisite's result, and
   * its own result is the list of theirs.
   */
  boolean isFanOut(int task);

  /** The prerequisite a fan-out task runs once per element of, or -1 if it does not fan out. */
  int forEachSource(int task);

  /** How many elements of fan-out task {@code task} may run at once; 0 means no limit. */
  int maxConcurrency(int task);

  /**
   * Whether task {@code task} was compiled as {@code @Distributed}: a run whose options have a
   * {@link dev.taskwire.runtime.remote.TaskDispatcher} sends it there instead of calling it.
   */
  boolean isDispatched(int task);

  /**
   * A hash of the graph as compiled (task names, parameter and result types, dependencies), which a
   * worker compares with its own build's; null for a graph without dispatched tasks.
   */
  String fingerprint();

  /** The names of all tasks in declaration order. */
  List<String> taskNames();

  /** The index of the task called {@code name}, or -1 if there is none. */
  int indexOf(String name);

  /**
   * The names of the tasks that task {@code name} depends on, in the order first declared.
   *
   * @throws IllegalArgumentException if there is no task called {@code name}
   */
  List<String> dependencies(String name);

  /** The indices of the tasks that task {@code task} depends on; a new array on each call. */
  int[] dependencyIndices(int task);

  /** The indices of the tasks that depend on task {@code task}; a new array on each call. */
  int[] dependentIndices(int task);

  /** Every task's index, each after all of its prerequisites; a new array on each call. */
  int[] topologicalOrder();

  /** Every edge as {@code [task, prerequisite]} name pairs, in declaration order. */
  List<List<String>> edges();

  /**
   * The graph as a Mermaid flowchart, for a README or any Mermaid viewer: one node per task (async
   * tasks drawn round and marked), an arrow from each task to the tasks that need it.
   */
  default String toMermaid() {
    StringBuilder text = new StringBuilder("flowchart LR\n");
    for (int task = 0; task < size(); task++) {
      String label = label(this, task);
      text.append("  t")
          .append(task)
          .append(
              kind(task) == TaskKind.ASYNC
                  ? "([\"" + label + " (async)\"])"
                  : "[\"" + label + "\"]")
          .append('\n');
    }
    for (int task = 0; task < size(); task++) {
      for (int prerequisite : dependencyIndices(task)) {
        text.append("  t")
            .append(prerequisite)
            .append(prerequisite == forEachSource(task) ? " -- each --> t" : " --> t")
            .append(task)
            .append('\n');
      }
    }
    return text.toString();
  }

  /** The graph in Graphviz DOT, for {@code dot -Tsvg}: async tasks are dashed. */
  default String toDot() {
    StringBuilder text =
        new StringBuilder("digraph \"").append(pipeline()).append("\" {\n  rankdir=LR;\n");
    text.append("  node [shape=box, style=rounded];\n");
    for (int task = 0; task < size(); task++) {
      text.append("  t")
          .append(task)
          .append(" [label=\"")
          .append(label(this, task))
          .append(kind(task) == TaskKind.ASYNC ? " (async)\", style=\"rounded,dashed\"" : "\"")
          .append("];\n");
    }
    for (int task = 0; task < size(); task++) {
      for (int prerequisite : dependencyIndices(task)) {
        text.append("  t")
            .append(prerequisite)
            .append(" -> t")
            .append(task)
            .append(prerequisite == forEachSource(task) ? " [label=\"each\"];\n" : ";\n");
      }
    }
    return text.append("}\n").toString();
  }

  /** A task's name in pictures: a fan-out task is drawn as many. */
  private static String label(TaskGraph graph, int task) {
    return graph.isFanOut(task) ? graph.name(task) + " [each]" : graph.name(task);
  }
}
