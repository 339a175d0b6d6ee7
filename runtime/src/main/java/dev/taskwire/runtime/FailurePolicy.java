package dev.taskwire.runtime;

/** What a run does when a task fails; set with {@link RunOptions#onFailure(FailurePolicy)}. */
public enum FailurePolicy {
  /**
   * The default: the first failure stops the run. No task starts any more, running sync tasks are
   * interrupted and pending async futures cancelled; the run then ends with a {@link
   * PipelineException} naming that first failure.
   */
  FAIL_FAST,

  /**
   * Run every task whose prerequisites all succeeded; skip only the tasks that depend, directly or
   * not, on a failed one. The run then ends with a {@link PipelineException} that carries every
   * failure, and the results of the tasks that succeeded stay readable through the generated
   * runner's {@code partialResults(PipelineException)}.
   */
  KEEP_GOING
}
