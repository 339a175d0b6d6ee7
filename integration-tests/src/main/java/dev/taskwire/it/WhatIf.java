package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Features and labels from one raw data set, a model of both, its score, and a fan-out of trials:
 * what-if runs supply some of these and skip what only they need. Each task counts its calls.
 */
public class WhatIf {
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  private void called(String task) {
    calls.computeIfAbsent(task, name -> new AtomicInteger()).incrementAndGet();
  }

  int calls(String task) {
    AtomicInteger count = calls.get(task);
    return count == null ? 0 : count.get();
  }

  @Task
  String raw() {
    called("raw");
    return "raw";
  }

  @Task
  String cleaned(@DependsOn("raw") String raw) {
    called("cleaned");
    return raw + " cleaned";
  }

  @Task
  String features(@DependsOn("cleaned") String cleaned) {
    called("features");
    return "features of " + cleaned;
  }

  @Task
  String labels(@DependsOn("raw") String raw) {
    called("labels");
    return "labels of " + raw;
  }

  @Task
  String model(@DependsOn("features") String features, @DependsOn("labels") String labels) {
    called("model");
    return "model(" + features + ", " + labels + ")";
  }

  @Task
  int score(@DependsOn("model") String model) {
    called("score");
    return model.length();
  }

  @Task
  List<Integer> grid() {
    called("grid");
    return List.of(1, 2, 3);
  }

  @Task
  int trial(@ForEach("grid") Integer setting, @DependsOn("labels") String labels) {
    called("trial");
    return setting * 10;
  }
}
