package dev.taskwire.runtime;

import java.util.function.Supplier;

/**
 * The start or the end of a run.
 *
 * @param pipeline the pipeline class's name
 * @param graph the graph being run
 * @param nanoTime {@link System#nanoTime()} when it happened
 * @param failure at the end: null if every task succeeded, else the {@link PipelineException} or
 *     {@link java.util.concurrent.CancellationException} that {@code await()} throws
 * @param tasks how many tasks the run is to run: all of the graph's, or fewer for a run of some
 *     targets or a resumed run (whose reused results are not run again)
 * @param snapshot the run in words at the moment it is called, one line per task (what the
 *     generated {@code Execution.toString()} returns), for a tool that reports a run making no
 *     progress, as {@link ConsoleProgress} does; callable from any thread, at any time
 */
public record RunEvent(
    String pipeline,
    TaskGraph graph,
    long nanoTime,
    RuntimeException failure,
    int tasks,
    Supplier<String> snapshot) {

  /** An event of a run of every task of {@code graph}, without a snapshot. */
  public RunEvent(String pipeline, TaskGraph graph, long nanoTime, RuntimeException failure) {
    this(pipeline, graph, nanoTime, failure, graph.size(), () -> "run of " + pipeline);
  }
}
