package dev.taskwire.runtime.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The state of the features a run may use, apart from the run object so that a plain run (no
 * listener, result store, deadline, plan, fan-out, timeout, retries or context) stays small: it has
 * none of this. Holds the result cache, the plan of a partial or resumed run, the fan-out task a
 * run of elements belongs to, the attempts of each task, the deadline's timer, the run's captured
 * context, and what a resume needs.
 */
final class RunFeatures {
  /** Null unless the options name a result store. */
  final ResultCache cache;

  /** Which tasks the run starts with and leaves out; null for a run of every task. */
  final RunPlan plan;

  /** For the elements of a fan-out task: the task they belong to; otherwise null. */
  final FanOut.Parent parent;

  /**
   * The context captured when the run started, restored around its code; a fan-out's elements share
   * their task's run's. Null without context propagators.
   */
  final RunContext context;

  /** The whole run's deadline timer, if RunOptions set one. */
  volatile ScheduledFuture<?> deadline;

  /**
   * Who hears this run's events: the options' listeners, the context's and the flight recorder's,
   * as {@link Listeners#forRun} made them when the run started; null if none. An element run has
   * its fan-out run's. Written before the run's first task is handed off, so read without a lock.
   */
  Listeners listeners;

  /** For listeners: how many tasks the run set out to run. */
  int plannedTasks;

  /**
   * With a listener that hears tasks start: per task, the {@code System.nanoTime()} of its latest
   * start event, which a {@link RunSnapshot} shows as how long it has been running; null without
   * one, since the clock is read only for that event.
   */
  private long[] startedNanos;

  /**
   * Per task that names a shared limit, 1 while its attempt holds a permit (see {@link Limits});
   * null if no task names one.
   */
  private final AtomicIntegerArray permits;

  /** Null unless some task has a timeout or retries, or may be dispatched. */
  final Attempts attempts;

  /**
   * Per fan-out task whose elements did not all succeed, their run, so that a resume can keep the
   * elements that did; null for a graph without fan-outs.
   */
  final Scheduler[] unfinishedElements;

  /** In a resumed run: the previous run's unfinished elements that still apply, or null. */
  volatile Scheduler[] resumedElements;

  RunFeatures(RunTemplate template, RunPlan plan, FanOut.Parent parent) {
    GraphTable graph = template.graph;
    this.plan = plan;
    this.parent = parent;
    this.context =
        parent != null
            ? RunContext.of(parent.run)
            : template.propagators == null
                ? null
                : RunContext.capture(template.propagators, graph.pipeline());
    this.cache = template.resultStore == null ? null : new ResultCache(template, context);
    this.attempts =
        template.needsAttempts()
            ? new Attempts(
                graph, template.dispatcher == null ? 0 : template.dispatcher.rerunsWhenWorkerLost())
            : null;
    this.unfinishedElements = graph.hasFanOuts() ? new Scheduler[graph.size()] : null;
    this.listeners =
        parent != null
            ? parent.run.listeners()
            : Listeners.beforeStart(template.listeners, context);
    if (parent != null) { // an element run: its listeners are its run's, known since it started
      listenersKnown(graph.size());
    }
    this.permits = template.limits == null ? null : new AtomicIntegerArray(graph.size());
  }

  boolean holdsPermit(int task) {
    return permits.get(task) == 1;
  }

  void tookPermit(int task) {
    permits.set(task, 1);
  }

  /** True for the one caller that gives {@code task}'s permit up. */
  boolean dropPermit(int task) {
    return permits != null && permits.compareAndSet(task, 1, 0);
  }

  /**
   * The run's listeners are settled (a run's, after each said in {@code forRun} whether it hears
   * the run): keeps start times if one of them hears tasks start. Before the run's first task.
   */
  void listenersKnown(int tasks) {
    Listeners known = listeners;
    startedNanos = known != null && known.want(Listeners.STARTED) ? new long[tasks] : null;
  }

  /**
   * Records that {@code task} started an attempt at {@code nanoTime} (with a listener of starts
   * only).
   */
  void started(int task, long nanoTime) {
    long[] started = startedNanos;
    if (started != null) {
      started[task] = nanoTime; // read racily by snapshots, which only show it
    }
  }

  /** When {@code task} last started, or 0 if not recorded. */
  long startedNanos(int task) {
    long[] started = startedNanos; // set before the first task starts, read here racily
    return started == null ? 0 : started[task];
  }
}
