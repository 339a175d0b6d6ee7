package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.remote.WorkerLostException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

/**
 * The bookkeeping of each task's attempts in one run: which attempt is current, its timeout timer
 * (see {@link Timeouts}), whether it timed out, how many attempts were lost with a worker (re-runs
 * that do not count as retries), and the failures of earlier attempts, which the final failure
 * carries as suppressed exceptions. A run has this only when some task has a timeout or retries, or
 * may be dispatched. A task's attempts follow one another, ordered by its {@link TaskStatus}
 * transitions (an attempt starts after {@code claim}, the next one after {@code readyForRetry});
 * the timer thread reads the counters through volatile accesses, and the failure lists, written on
 * whichever thread ends an attempt, are guarded by this object's monitor.
 */
final class Attempts {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

  private final GraphTable graph;

  /** The current attempt per task, starting at 1. */
  private final int[] current;

  /** The attempt that timed out per task, 0 if none did. */
  private final int[] timedOut;

  private final ScheduledFuture<?>[] timers;

  /**
   * Per task, with oneAttemptAtATime, the stage of the attempt that just timed out, which the retry
   * waits for; kept and taken by the one thread that ends the attempt (see {@link
   * Timeouts#abandon}).
   */
  private final Object[] timedOutStages;

  private final List<List<Throwable>> earlier;

  /** Per task, the attempts lost with the worker running them: they are not retries. */
  private final int[] lost;

  private final int maxLost;

  /**
   * @param maxLost how often a dispatched task may be re-run after its worker was lost
   */
  Attempts(GraphTable graph, int maxLost) {
    this.graph = graph;
    this.maxLost = maxLost;
    int size = graph.size();
    this.lost = new int[size];
    this.current = new int[size];
    Arrays.fill(current, 1);
    this.timedOut = new int[size];
    this.timers = new ScheduledFuture<?>[size];
    this.timedOutStages = new Object[size];
    this.earlier = new ArrayList<>(Collections.nCopies(size, null));
  }

  int current(int task) {
    return (int) INTS.getVolatile(current, task);
  }

  /** Keeps the timeout timer of the current attempt of {@code task}; see {@link Timeouts}. */
  void setTimer(int task, ScheduledFuture<?> timer) {
    timers[task] = timer;
  }

  /** Takes the current attempt's timeout timer, or null if it has none. */
  ScheduledFuture<?> takeTimer(int task) {
    ScheduledFuture<?> timer = timers[task];
    timers[task] = null;
    return timer;
  }

  /** Keeps the stage of the attempt that timed out, for its retry to wait for. */
  void keepTimedOutStage(int task, Object stage) {
    timedOutStages[task] = stage;
  }

  /**
   * Takes the stage {@link #keepTimedOutStage} kept, or null if none. Every attempt with a timeout
   * or retries asks as it ends, so the slot is written only when there is something to take.
   */
  Object takeTimedOutStage(int task) {
    Object stage = timedOutStages[task];
    if (stage != null) {
      timedOutStages[task] = null;
    }
    return stage;
  }

  void markTimedOut(int task, int attempt) {
    INTS.setVolatile(timedOut, task, attempt);
  }

  /** The failure to report for the current attempt: a timeout replaces what the task threw. */
  Throwable failureOf(int task, Throwable error) {
    if (!timedOutNow(task)) {
      return error;
    }
    TimeoutException timeout =
        new TimeoutException(
            "task '"
                + graph.name(task)
                + "' timed out after "
                + RunMessages.duration(graph.policy(task).timeoutNanos())
                + " (attempt "
                + current(task)
                + ")");
    if (error != null
        && !(error instanceof InterruptedException)
        && !(error instanceof CancellationException)) {
      timeout.addSuppressed(error);
    }
    return timeout;
  }

  boolean timedOutNow(int task) {
    return (int) INTS.getVolatile(timedOut, task) == current(task);
  }

  boolean shouldRetry(int task, Throwable error) {
    if (lostWorker(task, error) && (int) INTS.getVolatile(lost, task) < maxLost) {
      INTS.getAndAdd(lost, task, 1);
      return true;
    }
    return graph.policy(task).retriesAfter(retryNumber(task), error);
  }

  private boolean lostWorker(int task, Throwable error) {
    return error instanceof WorkerLostException && graph.isDispatched(task);
  }

  /** The current attempt counted as the policy sees it: re-runs after a lost worker excluded. */
  private int retryNumber(int task) {
    return current(task) - (int) INTS.getVolatile(lost, task);
  }

  /** Keeps a failed attempt's error and returns how long to wait before the next attempt. */
  synchronized long failedAttempt(int task, Throwable error) {
    if (earlier.get(task) == null) {
      earlier.set(task, new ArrayList<>());
    }
    earlier.get(task).add(error);
    // A lost worker is no reason to wait: the next attempt goes to another one at once.
    return lostWorker(task, error) ? 0 : graph.policy(task).backoffNanos(retryNumber(task));
  }

  void nextAttempt(int task) {
    INTS.getAndAdd(current, task, 1);
  }

  /** The final failure, with the failures of earlier attempts attached as suppressed. */
  synchronized Throwable withEarlierFailures(int task, Throwable error) {
    List<Throwable> before = earlier.get(task);
    if (before != null) {
      for (Throwable failure : before) {
        if (failure != error) {
          error.addSuppressed(failure);
        }
      }
    }
    return error;
  }

  synchronized Throwable lastFailure(int task) {
    List<Throwable> before = earlier.get(task);
    return before == null || before.isEmpty() ? null : before.get(before.size() - 1);
  }
}
