/**
 * For generated code only; no compatibility promise. Its types may change or disappear in any
 * release, so never call them from your own code.
 *
 * <p>These types are public only because generated runners live in users' packages and must call
 * them: {@link dev.taskwire.runtime.internal.RunTemplate} (what every run of one runner shares),
 * {@link dev.taskwire.runtime.internal.PipelineRun} (one run, as the runner's {@code Results} and
 * {@code Execution} read it), {@link dev.taskwire.runtime.internal.GraphTable} (the graph the
 * runner builds), {@link dev.taskwire.runtime.internal.PrimitiveArguments} (boxed values for
 * primitive parameters, failing by name on null) and the invokers through which the run calls the
 * task methods.
 *
 * <p>The rest of the package is the scheduler: the ready stack ({@code ReadyStack}), the task
 * status state machine ({@code TaskStatus}, which lists every transition), the run itself ({@code
 * Scheduler}), and one file for each thing a run may also do: async stages, listener events,
 * fan-outs, retries, timeouts, the deadline, the result cache and resuming.
 */
package dev.taskwire.runtime.internal;
