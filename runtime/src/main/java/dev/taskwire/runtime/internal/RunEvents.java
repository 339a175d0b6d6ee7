package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import java.util.function.BiConsumer;

/**
 * What a run tells its listeners: the run's start and end, each task's events, and at the end the
 * tasks that never started. Each method costs one null check when no listener is registered.
 */
final class RunEvents {
  private RunEvents() {}

  /** Reports {@code method}'s event of {@code task} (an element, in a fan-out's element run). */
  static void task(
      Scheduler run, BiConsumer<TaskListener, TaskEvent> method, int task, Throwable error) {
    Listeners listeners = run.template.listeners;
    if (listeners != null) {
      FanOut.Parent parent = run.parent();
      GraphTable graph = run.graph;
      int attempt = run.attemptOf(task);
      Thread thread = Thread.currentThread();
      long now = System.nanoTime();
      listeners.fire(
          method,
          parent == null
              ? new TaskEvent(graph.pipeline(), graph.name(task), task, attempt, thread, now, error)
              : new TaskEvent(
                  graph.pipeline(),
                  graph.name(task),
                  parent.task,
                  attempt,
                  thread,
                  now,
                  error,
                  task));
    }
  }

  /** Before the first task is scheduled; counts the tasks the run sets out to run. */
  static void runStarted(Scheduler run) {
    run.features.plannedTasks = tasksToRun(run);
    run.template.listeners.fire(
        TaskListener::runStarted,
        new RunEvent(
            run.graph.pipeline(), run.graph, System.nanoTime(), null, run.features.plannedTasks));
  }

  /** Reports the tasks that did not start, then the run's end. */
  static void runFinished(Scheduler run) {
    for (int task = 0; task < run.graph.size(); task++) {
      if (TaskStatus.notStarted(TaskStatus.get(run.status, task)) && run.isIncluded(task)) {
        task(run, TaskListener::taskSkipped, task, null);
      }
    }
    run.template.listeners.fire(
        TaskListener::runFinished,
        new RunEvent(
            run.graph.pipeline(),
            run.graph,
            System.nanoTime(),
            run.failure(),
            run.features.plannedTasks));
  }

  private static int tasksToRun(Scheduler run) {
    int count = 0;
    for (int task = 0; task < run.graph.size(); task++) {
      if (run.isIncluded(task) && TaskStatus.get(run.status, task) != TaskStatus.SUCCEEDED) {
        count++;
      }
    }
    return count;
  }
}
