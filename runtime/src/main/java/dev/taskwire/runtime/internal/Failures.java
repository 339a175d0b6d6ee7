package dev.taskwire.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failures of one run by name, first first: a task's name, or {@code task[i]} for an element of
 * a fan-out task. Created on the first failure.
 */
final class Failures {
  private final Map<String, Throwable> byName = new LinkedHashMap<>();
  private int firstTask = -1;
  private int firstAttempts;

  /**
   * @param task the index of the task in the run's graph
   * @param attempts how many attempts it made
   */
  synchronized void add(int task, String name, Throwable error, int attempts) {
    if (byName.putIfAbsent(name, error) == null && firstTask < 0) {
      firstTask = task;
      firstAttempts = attempts;
    }
  }

  /** Adds an element run's failures as those of fan-out task {@code task}. */
  synchronized void addElements(int task, Failures elements) {
    synchronized (elements) {
      elements.byName.forEach((name, error) -> add(task, name, error, elements.firstAttempts));
    }
  }

  synchronized Map<String, Throwable> snapshot() {
    return new LinkedHashMap<>(byName);
  }

  /** The index of the task that failed first. */
  synchronized int firstTask() {
    return firstTask;
  }

  /** How many attempts the first failure made. */
  synchronized int firstAttempts() {
    return firstAttempts;
  }
}
