package dev.taskwire.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds dependency cycles for reporting. Deterministic: for each task in declaration order that
 * lies on a cycle, it takes the shortest cycle through that task, rotates it to start at its
 * earliest task, and keeps it unless it was already found. Iterative, so that a pipeline of
 * thousands of tasks cannot overflow the compiler's stack.
 */
final class CycleFinder {
  private CycleFinder() {}

  /**
   * Returns each cycle once, as task indices, closed: {@code [a, b, c, a]}.
   *
   * @param edges for each task (by index), the tasks it depends on; self-edges are ignored
   */
  static List<List<Integer>> cycles(List<List<Integer>> edges) {
    int size = edges.size();
    BitSet onCycle = tasksOnCycles(edges);
    List<List<Integer>> cycles = new ArrayList<>();
    Set<List<Integer>> seen = new HashSet<>();
    for (int task = onCycle.nextSetBit(0); task >= 0; task = onCycle.nextSetBit(task + 1)) {
      List<Integer> cycle = shortestCycleThrough(task, edges, onCycle, size);
      if (cycle != null && seen.add(cycle)) {
        cycles.add(cycle);
      }
    }
    return cycles;
  }

  /**
   * Tasks on some cycle: those left after repeatedly removing tasks with no remaining prerequisites
   * (Kahn), and then tasks with no remaining dependents, since what depends on a cycle without
   * being on it survives the first pass only.
   */
  private static BitSet tasksOnCycles(List<List<Integer>> edges) {
    int size = edges.size();
    BitSet remaining = peel(size, edges);
    List<List<Integer>> reversed = new ArrayList<>();
    for (int task = 0; task < size; task++) {
      reversed.add(new ArrayList<>());
    }
    for (int task = 0; task < size; task++) {
      for (int prerequisite : edges.get(task)) {
        if (prerequisite != task) {
          reversed.get(prerequisite).add(task);
        }
      }
    }
    BitSet alsoRemaining = peel(size, reversed);
    remaining.and(alsoRemaining);
    return remaining;
  }

  /** Removes tasks whose every prerequisite was removed; returns what is left. */
  private static BitSet peel(int size, List<List<Integer>> edges) {
    int[] pending = new int[size];
    List<List<Integer>> dependents = new ArrayList<>();
    for (int task = 0; task < size; task++) {
      dependents.add(new ArrayList<>());
    }
    for (int task = 0; task < size; task++) {
      for (int prerequisite : new HashSet<>(edges.get(task))) {
        if (prerequisite != task) {
          pending[task]++;
          dependents.get(prerequisite).add(task);
        }
      }
    }
    BitSet remaining = new BitSet(size);
    remaining.set(0, size);
    Deque<Integer> ready = new ArrayDeque<>();
    for (int task = 0; task < size; task++) {
      if (pending[task] == 0) {
        ready.add(task);
      }
    }
    while (!ready.isEmpty()) {
      int task = ready.removeFirst();
      remaining.clear(task);
      for (int dependent : dependents.get(task)) {
        if (--pending[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }
    return remaining;
  }

  /** Breadth-first from {@code start} along dependencies, back to {@code start}. */
  private static List<Integer> shortestCycleThrough(
      int start, List<List<Integer>> edges, BitSet onCycle, int size) {
    int[] previous = new int[size];
    Arrays.fill(previous, -1);
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      int task = queue.removeFirst();
      for (int next : edges.get(task)) {
        if (next == task || !onCycle.get(next)) {
          continue;
        }
        if (next == start) {
          List<Integer> path = new ArrayList<>();
          for (int step = task; step != start; step = previous[step]) {
            path.add(step);
          }
          path.add(start);
          Collections.reverse(path);
          return closedFromEarliest(path);
        }
        if (previous[next] < 0) {
          previous[next] = task;
          queue.addLast(next);
        }
      }
    }
    return null;
  }

  private static List<Integer> closedFromEarliest(List<Integer> path) {
    int earliest = path.indexOf(Collections.min(path));
    List<Integer> cycle = new ArrayList<>(path.subList(earliest, path.size()));
    cycle.addAll(path.subList(0, earliest));
    cycle.add(cycle.get(0));
    return List.copyOf(cycle);
  }
}
