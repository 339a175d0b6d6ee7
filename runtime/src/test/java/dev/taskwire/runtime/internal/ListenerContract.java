package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Checks what {@link TaskListener} promises of each task's events, for runs whose paths a test does
 * not choose (the stress tests register it on some runs). Follows one run at a time; a later run
 * (say, a resume) starts afresh but keeps the violations found so far.
 *
 * <p>Events are labelled {@code scheduled}, {@code started N}, {@code retried N}, {@code
 * succeeded}, {@code succeeded from store}, {@code failed}, {@code cancelled} and {@code skipped};
 * {@link #violation} judges one task's labels in order.
 */
final class ListenerContract implements TaskListener {
  static final Set<String> TERMINAL =
      Set.of("succeeded", "succeeded from store", "failed", "cancelled", "skipped");

  private final Map<String, List<String>> events = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private volatile boolean finished = true;

  /**
   * What is wrong with one task's events, or null if nothing: exactly one terminal event, last;
   * {@code scheduled} at most once, first; attempts started from 1 up, each but the last retried;
   * success only from a started attempt; cancelled only after a start (a task that never started is
   * skipped); failed without a running attempt only after scheduled (a refused hand-off); skipped
   * never after a start.
   */
  static String violation(List<String> events) {
    if (events.isEmpty()) {
      return "no events";
    }
    String last = events.get(events.size() - 1);
    if (!TERMINAL.contains(last)) {
      return "no terminal event last";
    }
    if (events.stream().filter(TERMINAL::contains).count() != 1) {
      return "more than one terminal event";
    }
    boolean scheduled = events.get(0).equals("scheduled");
    int attempts = 0;
    boolean running = false;
    for (String event : events.subList(scheduled ? 1 : 0, events.size() - 1)) {
      if (!running && event.equals("started " + (attempts + 1))) {
        attempts++;
        running = true;
      } else if (running && event.equals("retried " + attempts)) {
        running = false;
      } else {
        return "unexpected " + event;
      }
    }
    boolean allowed =
        switch (last) {
          case "succeeded", "succeeded from store" -> running;
          case "cancelled" -> attempts > 0;
          case "failed" -> running || scheduled;
          default -> attempts == 0; // skipped
        };
    return allowed ? null : last + " is not allowed here";
  }

  /** Every violation found so far, with the task and its events. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  @Override
  public void runStarted(RunEvent event) {
    if (!finished) {
      violations.add("runStarted before the last run finished");
    }
    events.clear();
    finished = false;
  }

  @Override
  public void runFinished(RunEvent event) {
    int wholeTasks = 0;
    for (Map.Entry<String, List<String>> task : events.entrySet()) {
      List<String> sequence;
      synchronized (task.getValue()) {
        sequence = new ArrayList<>(task.getValue());
      }
      String wrong = violation(sequence);
      if (wrong != null) {
        violations.add(task.getKey() + ": " + wrong + ": " + sequence);
      }
      if (!task.getKey().endsWith("]")) {
        wholeTasks++;
      }
    }
    if (wholeTasks != event.tasks()) {
      violations.add(wholeTasks + " tasks had events, the run planned " + event.tasks());
    }
    finished = true;
  }

  @Override
  public void taskScheduled(TaskEvent event) {
    add(event, "scheduled");
  }

  @Override
  public void taskStarted(TaskEvent event) {
    add(event, "started " + event.attempt());
  }

  @Override
  public void taskRetried(TaskEvent event) {
    add(event, "retried " + event.attempt());
  }

  @Override
  public void taskSucceeded(TaskEvent event) {
    add(event, event.fromStore() ? "succeeded from store" : "succeeded");
  }

  @Override
  public void taskFailed(TaskEvent event) {
    add(event, "failed");
  }

  @Override
  public void taskCancelled(TaskEvent event) {
    add(event, "cancelled");
  }

  @Override
  public void taskSkipped(TaskEvent event) {
    add(event, "skipped");
  }

  private void add(TaskEvent event, String what) {
    if (finished) {
      violations.add(event.task() + ": " + what + " outside a run");
    }
    events
        .computeIfAbsent(event.task(), task -> Collections.synchronizedList(new ArrayList<>()))
        .add(what);
  }
}
