package dev.taskwire.runtime.internal;

/**
 * Resuming a settled run: a new run of what it left undone (see {@link RunPlan#resuming}) that
 * reuses every other result, and, for a fan-out whose inputs are kept, the same element run, so
 * that the elements that succeeded keep their results.
 */
final class Resumption {
  private Resumption() {}

  /** Runs again, on the calling thread as {@code run()} does, what {@code settled} left undone. */
  static Scheduler resume(Scheduler settled, RunTemplate template, Object pipeline) {
    RunPlan plan = remainder(settled);
    Scheduler run = new Scheduler(template, pipeline, plan, null);
    Scheduler[] unfinished = settled.features == null ? null : settled.features.unfinishedElements;
    if (unfinished != null) {
      // A fan-out whose inputs are kept gets the same elements: it keeps those that succeeded.
      GraphTable graph = settled.graph;
      Scheduler[] resumed = new Scheduler[graph.size()];
      for (int task = 0; task < graph.size(); task++) {
        boolean inputsKept = unfinished[task] != null;
        for (int prerequisite : graph.dependenciesOf(task)) {
          inputsKept &= plan.status[prerequisite] == TaskStatus.SUCCEEDED;
        }
        resumed[task] = inputsKept ? unfinished[task] : null;
      }
      run.features.resumedElements = resumed;
    }
    return run.runHere();
  }

  /** What settled run {@code run} left undone, for a run that resumes it. */
  static RunPlan remainder(Scheduler run) {
    GraphTable graph = run.graph;
    boolean[] succeeded = new boolean[graph.size()];
    for (int task = 0; task < graph.size(); task++) {
      succeeded[task] = TaskStatus.get(run.status, task) == TaskStatus.SUCCEEDED;
    }
    RunPlan plan = run.plan();
    return RunPlan.resuming(graph, succeeded, run.slots, plan == null ? null : plan.included);
  }

  /** Keeps the elements of a fan-out that did not all succeed, for a resume. */
  static void keepUnfinished(Scheduler run, int task, Scheduler elements) {
    run.features.unfinishedElements[task] = elements;
  }

  /** In a resumed run: the earlier elements of fan-out task {@code task}, or null. */
  static Scheduler resumedElements(Scheduler run, int task) {
    RunFeatures features = run.features;
    Scheduler[] resumed = features == null ? null : features.resumedElements;
    return resumed == null ? null : resumed[task];
  }
}
