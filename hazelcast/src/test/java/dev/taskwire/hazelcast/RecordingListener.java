package dev.taskwire.hazelcast;

import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every retried and started event, to check what listeners see of re-runs. */
final class RecordingListener implements TaskListener {
  final List<TaskEvent> retried = new CopyOnWriteArrayList<>();
  final List<TaskEvent> started = new CopyOnWriteArrayList<>();

  @Override
  public void taskRetried(TaskEvent event) {
    retried.add(event);
  }

  @Override
  public void taskStarted(TaskEvent event) {
    started.add(event);
  }

  List<Integer> attemptsStarted(String task) {
    return started.stream()
        .filter(event -> event.task().equals(task))
        .map(TaskEvent::attempt)
        .toList();
  }
}
