package dev.taskwire.runtime;

import java.util.concurrent.ScheduledFuture;

/**
 * The parts of a run that only some runs have: listeners, a result store, a deadline, a plan
 * of some tasks, a fan-out task that owns the run.
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

  RunExtras(Listeners listeners, StoredResults stored, RunPlan plan, FanOut.Owner owner) {
    this.listeners = listeners;
    this.stored = stored;
    this.plan = plan;
    this.owner = owner;
  }
}
