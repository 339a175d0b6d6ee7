package dev.taskwire.runtime.internal;

/**
 * Which tasks a run starts with and which it leaves out: every task (the common case), only some
 * targets and their prerequisites, or what a failed run left undone. Computed once per run; a run
 * of every task needs none.
 */
final class RunPlan {
  /**
   * Per task: the count of prerequisites to wait for, {@link TaskStatus#LEFT_OUT}, or a final
   * state.
   */
  final int[] status;

  /** The tasks that are ready at the start. */
  final int[] sources;

  /** Per task, whether the run includes it; null when it includes every task. */
  final boolean[] included;

  /** The run's slots (see PipelineRun), with the results a resumed run starts with. */
  final Object[] slots;

  /** Per task, whether a what-if run was given its value; null for other runs. */
  final boolean[] supplied;

  private RunPlan(
      int[] status, int[] sources, boolean[] included, Object[] slots, boolean[] supplied) {
    this.status = status;
    this.sources = sources;
    this.included = included;
    this.slots = slots;
    this.supplied = supplied;
  }

  /** Only {@code targets} and the tasks they depend on, directly or not. */
  static RunPlan only(GraphTable graph, int[] targets) {
    if (targets.length == 0) {
      throw new IllegalArgumentException("name at least one target task");
    }
    boolean[] included = graph.ancestry(targets);
    int[] status = graph.prerequisiteCounts().clone();
    for (int task = 0; task < status.length; task++) {
      if (!included[task]) {
        status[task] = TaskStatus.LEFT_OUT;
      }
    }
    return new RunPlan(status, sourcesOf(status), included, new Object[2 * status.length], null);
  }

  /**
   * What {@code previous} left undone: it keeps the result of every task that succeeded and whose
   * prerequisites are all kept too; every other task it included runs again.
   */
  static RunPlan resuming(
      GraphTable graph, boolean[] succeeded, Object[] results, boolean[] included) {
    int size = graph.size();
    boolean[] kept = succeeded.clone();
    // A task that runs again invalidates everything downstream of it, even what succeeded.
    int[] stack = new int[size];
    int top = 0;
    for (int task = 0; task < size; task++) {
      if (!kept[task]) {
        stack[top++] = task;
      }
    }
    while (top > 0) {
      for (int dependent : graph.dependentsOf(stack[--top])) {
        if (kept[dependent]) {
          kept[dependent] = false;
          stack[top++] = dependent;
        }
      }
    }
    int[] status = new int[size];
    Object[] slots = new Object[2 * size];
    for (int task = 0; task < size; task++) {
      if (included != null && !included[task]) {
        status[task] = TaskStatus.LEFT_OUT;
      } else if (kept[task]) {
        status[task] = TaskStatus.SUCCEEDED;
        slots[task] = results[task];
      } else {
        int waiting = 0;
        for (int prerequisite : graph.dependenciesOf(task)) {
          if (!kept[prerequisite]) {
            waiting++;
          }
        }
        status[task] = waiting;
      }
    }
    return new RunPlan(status, sourcesOf(status), included, slots, null);
  }

  /**
   * A what-if run: the tasks {@code supplied} gives values for start with them, as succeeded, and
   * do not run; of the rest, a task runs if it is wanted (one of {@code targets}, or with none, a
   * task nothing depends on) or a task that runs depends on it. So a task needed only by supplied
   * tasks does not run either.
   */
  static RunPlan supplying(GraphTable graph, SuppliedValues supplied, int[] targets) {
    int size = graph.size();
    boolean[] wanted = new boolean[size];
    if (targets == null) {
      for (int task = 0; task < size; task++) {
        wanted[task] = graph.dependentsOf(task).length == 0;
      }
    } else if (targets.length == 0) {
      throw new IllegalArgumentException("name at least one target task");
    } else {
      for (int target : targets) {
        wanted[target] = true;
      }
    }
    boolean[] given = supplied.given(size);
    boolean[] runs = new boolean[size];
    int[] order = graph.topologicalOrder();
    for (int i = size - 1; i >= 0; i--) {
      int task = order[i];
      boolean needed = wanted[task];
      for (int dependent : graph.dependentsOf(task)) {
        needed |= runs[dependent];
      }
      runs[task] = needed && !given[task];
    }
    int[] status = new int[size];
    boolean[] included = new boolean[size];
    Object[] slots = new Object[2 * size];
    for (int task = 0; task < size; task++) {
      if (given[task]) {
        status[task] = TaskStatus.SUCCEEDED;
        slots[task] = supplied.value(task);
        included[task] = true;
      } else if (runs[task]) {
        int waiting = 0;
        for (int prerequisite : graph.dependenciesOf(task)) {
          if (runs[prerequisite]) {
            waiting++;
          }
        }
        status[task] = waiting;
        included[task] = true;
      } else {
        status[task] = TaskStatus.LEFT_OUT;
      }
    }
    return new RunPlan(status, sourcesOf(status), included, slots, given);
  }

  private static int[] sourcesOf(int[] status) {
    return java.util.stream.IntStream.range(0, status.length)
        .filter(task -> status[task] == 0)
        .toArray();
  }
}
