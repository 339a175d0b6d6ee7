package dev.taskwire.runtime;

/**
 * Something that happened to one task of a run.
 *
 * @param pipeline the pipeline class's name
 * @param task the task's name
 * @param index the task's index in the {@link TaskGraph}
 * @param attempt 1 for the first attempt
 * @param thread the thread the event happened on
 * @param nanoTime {@link System#nanoTime()} when it happened
 * @param error the failure, for failed and cancelled tasks; otherwise null
 */
public record TaskEvent(
    String pipeline, String task, int index, int attempt, Thread thread, long nanoTime,
    Throwable error) {}
