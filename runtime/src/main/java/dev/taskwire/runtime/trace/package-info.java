/**
 * Recorded runs and what can be made of them: {@link dev.taskwire.runtime.trace.TraceRecorder} (a
 * listener) records a {@link dev.taskwire.runtime.trace.Trace} of {@link
 * dev.taskwire.runtime.trace.TaskSpan}s, which writes Chrome/Perfetto JSON and a self-contained
 * HTML timeline and computes the {@link dev.taskwire.runtime.trace.CriticalPath}. For users; built
 * only on the public listener events, so it works with any run.
 */
package dev.taskwire.runtime.trace;
