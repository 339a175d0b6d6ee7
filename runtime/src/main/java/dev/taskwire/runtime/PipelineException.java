package dev.taskwire.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by {@code run()} and {@code await()} when a task failed.
 *
 * <p>{@link #failedTask()} names the first task that failed and {@link #getCause()} is the
 * exception that task threw, unwrapped (an async task's {@code CompletionException} or {@code
 * ExecutionException} wrapper is removed). Tasks that failed afterwards, while the run was
 * stopping, are attached as {@linkplain #getSuppressed() suppressed} exceptions, and {@link
 * #failures()} maps every failed task's name to its exception. Tasks that depend on a failed task
 * never run.
 *
 * <p>With {@link FailurePolicy#KEEP_GOING} the run carries on past failures, so this carries every
 * failure, in the order they happened, and the generated runner's {@code
 * partialResults(PipelineException)} reads the results of the tasks that succeeded. A task that
 * timed out fails with a {@link java.util.concurrent.TimeoutException}; a task that was retried
 * reports its last failure, with the earlier attempts' failures suppressed in it.
 */
public class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String failedTask;
  private final Map<String, Throwable> failures;

  /**
   * @param failures every failed task's exception by task name, the first failure first; must not
   *     be empty
   */
  public PipelineException(String pipeline, Map<String, Throwable> failures) {
    this(pipeline, failures, 1);
  }

  /**
   * For the runtime, which reports how often the first failed task was tried.
   *
   * @param attempts how many attempts the first failed task made (more than 1 if retried)
   */
  protected PipelineException(String pipeline, Map<String, Throwable> failures, int attempts) {
    this(pipeline, failures, firstKey(failures), attempts);
  }

  private PipelineException(
      String pipeline, Map<String, Throwable> failures, String first, int attempts) {
    super(message(pipeline, first, failures, attempts), failures.get(first));
    this.failedTask = first;
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    failures.values().stream().skip(1).forEach(this::addSuppressed);
  }

  /** The name of the first task that failed. */
  public String failedTask() {
    return failedTask;
  }

  /** Every task that failed, by name, mapped to its exception; the first failure comes first. */
  public Map<String, Throwable> failures() {
    return failures;
  }

  private static String firstKey(Map<String, Throwable> failures) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("a PipelineException needs at least one failure");
    }
    return failures.keySet().iterator().next();
  }

  private static String message(
      String pipeline, String first, Map<String, Throwable> failures, int attempts) {
    StringBuilder message =
        new StringBuilder("task '")
            .append(first)
            .append("' of ")
            .append(pipeline)
            .append(attempts > 1 ? " failed after " + attempts + " attempts: " : " failed: ")
            .append(failures.get(first));
    if (failures.size() > 1) {
      message
          .append(" (")
          .append(failures.size() - 1)
          .append(" more failed: ")
          .append(String.join(", ", failures.keySet().stream().skip(1).toList()))
          .append("; see suppressed exceptions)");
    }
    return message.toString();
  }
}
