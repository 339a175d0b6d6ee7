package dev.taskwire.runtime;

import java.util.concurrent.ScheduledFuture;

/**
 * The parts of a run that only some runs have: listeners, a result store, a deadline, a plan
 * of some tasks, a fan-out task that owns the run, a dispatcher, fan-outs to keep for a resume.
 */
final class RunExtras {
  /** Null when no listener is registered. */
  final Listeners listeners;
  /** Null unless the options name a result store. */
  final StoredResults stored;
  /** Which tasks the run starts with and leaves out; null for a run of every task. */
  final RunPlan plan;
  /** For the elements of a fan-out task: the task they belong to; otherwise null. */
  final FanOut.Owner owner;
  /** The whole run's deadline timer, if RunOptions set one. */
  volatile ScheduledFuture<?> deadline;
  /** For listeners: how many tasks the run set out to run. */
  int plannedTasks;
  /** Null unless the options have one and the graph has dispatched tasks. */
  final TaskDispatcher dispatcher;
  /**
   * Per fan-out task whose elements did not all succeed, their run, so that a resume can keep
   * the elements that did; null for a graph without fan-outs.
   */
  final PipelineRun[] unfinishedElements;
  /** In a resumed run: the previous run's unfinished elements that still apply, or null. */
  volatile PipelineRun[] resumedElements;

  RunExtras(Listeners listeners, StoredResults stored, RunPlan plan, FanOut.Owner owner,
      TaskDispatcher dispatcher, TaskGraph graph) {
    this.listeners = listeners;
    this.stored = stored;
    this.plan = plan;
    this.owner = owner;
    this.dispatcher = dispatcher;
    this.unfinishedElements = graph.hasFanOuts() ? new PipelineRun[graph.size()] : null;
  }
}
