package dev.taskwire.runtime;

/**
 * The start or the end of a run.
 *
 * @param pipeline the pipeline class's name
 * @param graph the graph being run
 * @param nanoTime {@link System#nanoTime()} when it happened
 * @param failure at the end: null if every task succeeded, else the {@link PipelineException}
 *     or {@link java.util.concurrent.CancellationException} that {@code await()} throws
 */
public record RunEvent(String pipeline, TaskGraph graph, long nanoTime, RuntimeException failure) {}
