/**
 * What a user of taskwire writes against: {@link dev.taskwire.runtime.RunOptions} (executor,
 * failure policy, deadline, listeners, result store, dispatcher), {@link
 * dev.taskwire.runtime.FailurePolicy}, {@link dev.taskwire.runtime.PipelineException}, {@link
 * dev.taskwire.runtime.Outcome}, the listener SPI ({@link dev.taskwire.runtime.TaskListener} and
 * its events), the static graph of a pipeline ({@link dev.taskwire.runtime.TaskGraph}, with its
 * tasks' {@link dev.taskwire.runtime.TaskKind} and {@link dev.taskwire.runtime.TaskPolicy}) and
 * progress ({@link dev.taskwire.runtime.ConsoleProgress}).
 *
 * <p>The generated {@code FooRunner} is the entry point: users normally meet this package through
 * its constructor's options and its exceptions. Recorded runs and timelines are in {@code
 * dev.taskwire.runtime.trace}, result stores in {@code dev.taskwire.runtime.store}, the SPI for
 * sending tasks to other JVMs in {@code dev.taskwire.runtime.remote}. {@code
 * dev.taskwire.runtime.internal} is for generated code only.
 */
package dev.taskwire.runtime;
