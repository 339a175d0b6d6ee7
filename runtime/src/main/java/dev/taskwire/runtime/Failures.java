package dev.taskwire.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** The failures of one run by task name, first first. Created on the first failure. */
final class Failures {
  private final Map<String, Throwable> byTask = new LinkedHashMap<>();

  synchronized void add(String task, Throwable error) {
    byTask.putIfAbsent(task, error);
  }

  synchronized Map<String, Throwable> snapshot() {
    return new LinkedHashMap<>(byTask);
  }

  synchronized String first() {
    return byTask.keySet().iterator().next();
  }
}
