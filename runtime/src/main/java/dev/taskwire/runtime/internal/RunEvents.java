package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.StoreDecision;
import java.util.function.BiConsumer;

/**
 * What a run tells its listeners, in the run's context if it carries one (see {@link RunContext}):
 * the run's start and end, each task's events, and at the end the tasks that never started. Each
 * method costs one null check when no listener is registered, and none throws: a listener's failure
 * is the listener's (see {@link Listeners}). The order of one task's events is {@link
 * TaskListener}'s promise; the scheduler keeps it by sending each event from the one thread that
 * owns the task at that moment (see {@link TaskStatus}).
 */
final class RunEvents {
  private RunEvents() {}

  /** Reports that {@code task} (an element, in a fan-out's element run) is ready to start. */
  static void scheduled(Scheduler run, int task) {
    task(run, Listeners.SCHEDULED, TaskListener::taskScheduled, task, null);
  }

  /**
   * Reports that {@code task} starts an attempt, and notes when, for {@link RunSnapshot}: only for
   * a listener of starts, since reading the clock for every task costs a run of quick tasks more
   * than the tasks.
   */
  static void started(Scheduler run, int task) {
    Listeners listeners = run.listeners();
    if (listeners != null && listeners.want(Listeners.STARTED)) {
      long now = System.nanoTime();
      run.features.started(task, now);
      fire(run, listeners, TaskListener::taskStarted, task, null, false, now);
    }
  }

  /** Reports that {@code task} succeeded, and whether its result came from the result store. */
  static void succeeded(Scheduler run, int task) {
    Listeners listeners = run.listeners();
    if (listeners != null && listeners.want(Listeners.SUCCEEDED)) {
      ResultCache cache = run.cache();
      boolean fromStore = cache != null && cache.wasLoaded(task);
      fire(run, listeners, TaskListener::taskSucceeded, task, null, fromStore, System.nanoTime());
    }
  }

  /** Reports whether {@code task}'s stored result is used, and why or why not. */
  static void lookedUp(Scheduler run, int task, StoreDecision decision) {
    Listeners listeners = run.listeners();
    if (listeners != null && listeners.want(Listeners.LOOKED_UP)) {
      fire(
          run,
          listeners,
          (listener, event) -> listener.taskLookedUp(event, decision),
          task,
          null,
          false,
          System.nanoTime());
    }
  }

  /** Reports that {@code task} waits for a permit of shared limit {@code limit}. */
  static void limited(Scheduler run, int task, String limit) {
    Listeners listeners = run.listeners();
    if (listeners != null && listeners.want(Listeners.LIMITED)) {
      fire(
          run,
          listeners,
          (listener, event) -> listener.taskLimited(event, limit),
          task,
          null,
          false,
          System.nanoTime());
    }
  }

  static void failed(Scheduler run, int task, Throwable error) {
    task(run, Listeners.FAILED, TaskListener::taskFailed, task, error);
  }

  static void retried(Scheduler run, int task, Throwable error) {
    task(run, Listeners.RETRIED, TaskListener::taskRetried, task, error);
  }

  static void cancelled(Scheduler run, int task, Throwable cancellation) {
    task(run, Listeners.CANCELLED, TaskListener::taskCancelled, task, cancellation);
  }

  /**
   * Reports {@code method}'s event of {@code task}, unless no listener of the run wants {@code
   * event} (one of {@link Listeners}' event bits): then the event is not even made.
   */
  private static void task(
      Scheduler run,
      int event,
      BiConsumer<TaskListener, TaskEvent> method,
      int task,
      Throwable error) {
    Listeners listeners = run.listeners();
    if (listeners != null && listeners.want(event)) {
      fire(run, listeners, method, task, error, false, System.nanoTime());
    }
  }

  private static void fire(
      Scheduler run,
      Listeners listeners,
      BiConsumer<TaskListener, TaskEvent> method,
      int task,
      Throwable error,
      boolean fromStore,
      long nanoTime) {
    ContextPropagator.Scope[] scopes = RunContext.enterFor(run);
    try {
      listeners.fire(method, event(run, task, error, fromStore, nanoTime));
    } catch (Throwable lost) {
      lost(run, lost);
    } finally {
      RunContext.exitFor(run, scopes);
    }
  }

  /** The event of {@code task} of {@code run}, on this thread (an element, in an element run). */
  static TaskEvent event(
      PipelineRun run, int task, Throwable error, boolean fromStore, long nanoTime) {
    FanOut.Parent parent = run.parent();
    GraphTable graph = run.graph;
    return new TaskEvent(
        graph.pipeline(),
        graph.name(task),
        parent == null ? task : parent.task,
        run.attemptOf(task),
        Thread.currentThread(),
        nanoTime,
        error,
        parent == null ? -1 : task,
        fromStore);
  }

  /**
   * An event could not even be made (an OutOfMemoryError): listeners miss it, the run goes on, as
   * it does when a listener throws.
   */
  private static void lost(Scheduler run, Throwable error) {
    Warnings.warn(() -> "taskwire could not report an event of " + run.graph.pipeline(), error);
  }

  /**
   * Before the first task is scheduled: counts the tasks the run sets out to run, asks each
   * listener who hears this run ({@link Listeners#forRun}), and tells them it started.
   */
  static void runStarted(Scheduler run) {
    RunFeatures features = run.features;
    features.plannedTasks = tasksToRun(run);
    ContextPropagator.Scope[] scopes = RunContext.enterFor(run);
    try {
      RunEvent started =
          new RunEvent(
              run.graph.pipeline(),
              run.graph,
              System.nanoTime(),
              null,
              features.plannedTasks,
              run::toString);
      Listeners listeners = features.listeners.forRun(started);
      features.listeners = listeners;
      features.listenersKnown(run.graph.size());
      if (listeners != null && listeners.want(Listeners.RUN_STARTED)) {
        listeners.fire(TaskListener::runStarted, started);
      }
      boolean[] supplied = features.plan == null ? null : features.plan.supplied;
      for (int task = 0; supplied != null && task < supplied.length; task++) {
        if (supplied[task]) {
          task(run, Listeners.SUPPLIED, TaskListener::taskSupplied, task, null);
        }
      }
    } catch (Throwable lost) {
      lost(run, lost);
    } finally {
      RunContext.exitFor(run, scopes);
    }
  }

  /**
   * The run settled: reports every task it includes but never started as skipped (a fan-out's
   * elements too), then, for a whole run, its end. A fan-out's elements settle before their task
   * ends, so their events come before the task's last one.
   */
  static void settled(Scheduler run) {
    Listeners listeners = run.listeners();
    for (int task = 0; listeners.want(Listeners.SKIPPED) && task < run.graph.size(); task++) {
      if (TaskStatus.notStarted(TaskStatus.get(run.status, task)) && run.isIncluded(task)) {
        task(run, Listeners.SKIPPED, TaskListener::taskSkipped, task, null);
      }
    }
    if (run.parent() == null && listeners.want(Listeners.RUN_FINISHED)) {
      ContextPropagator.Scope[] scopes = RunContext.enterFor(run);
      try {
        listeners.fire(
            TaskListener::runFinished,
            new RunEvent(
                run.graph.pipeline(),
                run.graph,
                System.nanoTime(),
                run.failure(),
                run.features.plannedTasks,
                run::toString));
      } catch (Throwable lost) {
        lost(run, lost);
      } finally {
        RunContext.exitFor(run, scopes);
      }
    }
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
