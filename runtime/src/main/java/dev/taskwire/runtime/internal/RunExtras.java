package dev.taskwire.runtime.internal;

import java.util.concurrent.ScheduledFuture;

/**
 * The parts of a run that only some runs have: a result store's keys, a deadline, a plan of some
 * tasks, a fan-out task that owns the run, attempts, fan-outs to keep for a resume.
 */
final class RunExtras {
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

  /** Null unless some task has a timeout or retries, or may be dispatched. */
  final Attempts attempts;

  /**
   * Per fan-out task whose elements did not all succeed, their run, so that a resume can keep the
   * elements that did; null for a graph without fan-outs.
   */
  final PipelineRun[] unfinishedElements;

  /** In a resumed run: the previous run's unfinished elements that still apply, or null. */
  volatile PipelineRun[] resumedElements;

  RunExtras(RunTemplate template, RunPlan plan, FanOut.Owner owner) {
    GraphTable graph = template.graph;
    this.stored =
        template.resultStore == null ? null : new StoredResults(template.resultStore, graph);
    this.plan = plan;
    this.owner = owner;
    this.attempts =
        template.needsAttempts()
            ? new Attempts(
                graph, template.dispatcher == null ? 0 : template.dispatcher.rerunsWhenWorkerLost())
            : null;
    this.unfinishedElements = graph.hasFanOuts() ? new PipelineRun[graph.size()] : null;
  }
}
