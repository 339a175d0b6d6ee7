package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.PipelineException;
import java.util.Map;

/**
 * The {@link PipelineException} a run throws: it also remembers the run, so that a generated
 * runner's {@code partialResults(exception)} and {@code resume(exception)} can read what succeeded.
 * Users see and catch it as a {@code PipelineException}, and it prints as one.
 */
final class RunFailedException extends PipelineException {
  private static final long serialVersionUID = 1L;

  /** The run that failed; not serialized (a deserialized copy has no run to resume). */
  private final transient PipelineRun run;

  RunFailedException(PipelineRun run, Map<String, Throwable> failures, int attempts) {
    super(run.graph.pipeline(), failures, attempts);
    this.run = run;
  }

  PipelineRun run() {
    return run;
  }

  /** As a {@code PipelineException}'s: the subclass is an implementation detail. */
  @SuppressWarnings("OverrideThrowableToString") // the class name, not the message, is replaced
  @Override
  public String toString() {
    String message = getLocalizedMessage();
    String name = PipelineException.class.getName();
    return message != null ? name + ": " + message : name;
  }
}
