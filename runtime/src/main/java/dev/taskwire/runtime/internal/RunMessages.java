package dev.taskwire.runtime.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The words of a run: why a task has no result, and the exceptions a run throws or completes
 * futures with. Only ever needed on failure, cancellation or misuse, never on the hot path.
 */
final class RunMessages {
  private RunMessages() {}

  /** What await() throws, created anew for each caller so its stack trace is the caller's. */
  static RuntimeException failure(PipelineRun run) {
    switch (run.phase()) {
      case PipelineRun.FAILED -> {
        return new RunFailedException(run, run.failures(), run.failures.firstAttempts());
      }
      case PipelineRun.CANCELLED -> {
        CancellationException cancelled =
            new CancellationException("run of " + run.graph.pipeline() + " was cancelled");
        run.failures().values().forEach(cancelled::addSuppressed);
        return cancelled;
      }
      default -> {
        return null;
      }
    }
  }

  /** How a requested future of a task that never ran completes once the run has ended. */
  static RuntimeException didNotRun(PipelineRun run, int task) {
    return run.phase() == PipelineRun.FAILED
        ? new RunFailedException(run, run.failures(), 1)
        : new CancellationException(
            "task '" + run.graph.name(task) + "' did not run: " + describe(run, task));
  }

  /** Called once the run has settled, with the thread's interrupt status to be restored. */
  static CancellationException interruptedWhileWaiting(PipelineRun run) {
    Thread.currentThread().interrupt();
    return new CancellationException("interrupted while waiting for " + run.graph.pipeline());
  }

  /** Why a task has no result, in words for an exception message. */
  static String describe(PipelineRun run, int task) {
    switch (TaskStatus.get(run.status, task)) {
      case TaskStatus.RUNNING, TaskStatus.COMPLETING -> {
        return "it is still running";
      }
      case TaskStatus.RETRY_WAIT -> {
        return "it is waiting to be retried";
      }
      case TaskStatus.FAILED -> {
        return "it failed with " + run.slots[task];
      }
      case TaskStatus.CANCELLED -> {
        return "it was cancelled";
      }
      case TaskStatus.SUCCEEDED -> {
        return "it succeeded";
      }
      default -> {
        if (!run.isIncluded(task)) {
          return run.plan() != null && run.plan().supplied != null
              ? "it was left out: the run needs it only for tasks whose values were supplied"
              : "it was left out: it is neither a target of the run nor a prerequisite of one";
        }
        if (run.phase() == PipelineRun.FAILED) {
          return "it did not run because " + whyNotRun(run, task);
        }
        if (run.phase() == PipelineRun.CANCELLED) {
          return "it did not run because the run was cancelled";
        }
        return "it has not run yet";
      }
    }
  }

  /**
   * Why {@code task} did not run in a failed run, after "because": the prerequisite that kept it
   * from running (directly or through tasks that did not run either) failed, or was cancelled when
   * the run stopped; or nothing of its own stood in its way and the run stopped first.
   */
  private static String whyNotRun(PipelineRun run, int task) {
    String first = "task '" + run.graph.name(run.failures.firstTask()) + "' failed";
    int blocking = blockingTask(run, task);
    if (blocking < 0) {
      return "the run stopped when " + first;
    }
    String blocked = "task '" + run.graph.name(blocking) + "'";
    if (TaskStatus.get(run.status, blocking) == TaskStatus.FAILED) {
      return blocked + " failed";
    }
    return blocked + " was cancelled when the run stopped because " + first;
  }

  /**
   * The task that kept {@code task} from running: a failed or cancelled task it depends on,
   * directly or through other tasks that did not run; -1 if there is none.
   */
  private static int blockingTask(PipelineRun run, int task) {
    int current = task;
    while (true) {
      int notRun = -1;
      for (int prerequisite : run.graph.dependenciesOf(current)) {
        int state = TaskStatus.get(run.status, prerequisite);
        if (state == TaskStatus.FAILED || state == TaskStatus.CANCELLED) {
          return prerequisite;
        }
        if (TaskStatus.notStarted(state) && notRun < 0) {
          notRun = prerequisite;
        }
      }
      if (notRun < 0) {
        return -1;
      }
      current = notRun;
    }
  }

  static CancellationException cancellation(GraphTable graph, int task, Throwable cause) {
    CancellationException cancelled =
        new CancellationException("task '" + graph.name(task) + "' was cancelled");
    if (cause != null) {
      cancelled.initCause(cause);
    }
    return cancelled;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** A duration for messages, as people write it: "0.05s", "1m30s". */
  static String duration(long nanos) {
    return Duration.ofNanos(nanos).toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
