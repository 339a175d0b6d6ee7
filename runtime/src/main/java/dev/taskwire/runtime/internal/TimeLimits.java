package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.TaskListener;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

/**
 * Timeouts, retries and the run's deadline: what happens on the timer thread, and how a failed
 * attempt waits for its retry without holding a thread. The run's status transitions order it all:
 * a task is RUNNING while an attempt runs and RETRY_WAIT while it waits for the next one.
 */
final class TimeLimits {
  private TimeLimits() {}

  /** The in-flight slot of a task waiting for its retry; published before the timer can fire. */
  static final class RetryWait {
    volatile Future<?> timer;
  }

  /** Parks a failed attempt on the timer; no thread waits for the retry. */
  static int retryLater(PipelineRun run, int task, Throwable error) {
    if (!run.casStatus(task, PipelineRun.RUNNING, PipelineRun.RETRY_WAIT)) {
      return ReadyStack.EMPTY;
    }
    long delay = run.attempts().failedAttempt(task, error);
    run.taskEvent(TaskListener::taskRetried, task, error);
    RetryWait wait = new RetryWait();
    PipelineRun.OBJECTS.setVolatile(run.slots, run.flight(task), wait);
    wait.timer = Timer.schedule(() -> retryNow(run, task, wait), delay);
    // stop() sets the phase, then scans in-flight slots: it either sees the wait or we see it.
    if (!run.isActive()) {
      cancelRetry(run, task);
    }
    return ReadyStack.EMPTY;
  }

  private static void retryNow(PipelineRun run, int task, RetryWait wait) {
    if (run.casStatus(task, PipelineRun.RETRY_WAIT, 0)) {
      PipelineRun.OBJECTS.compareAndSet(run.slots, run.flight(task), wait, null);
      run.attempts().nextAttempt(task);
      run.push(task);
      run.wakeWorker();
    }
  }

  static void cancelRetry(PipelineRun run, int task) {
    if (run.casStatus(task, PipelineRun.RETRY_WAIT, PipelineRun.COMPLETING)) {
      if (PipelineRun.OBJECTS.getVolatile(run.slots, run.flight(task)) instanceof RetryWait wait
          && wait.timer != null) {
        wait.timer.cancel(false);
      }
      PipelineRun.OBJECTS.setVolatile(run.slots, run.flight(task), null);
      run.slots[task] = RunMessages.cancellation(run.graph, task, run.attempts().lastFailure(task));
      run.endCancelled(task);
    }
  }

  /** On the timer thread: attempt {@code attempt} of {@code task} ran out of time. */
  static void timeOut(PipelineRun run, int task, int attempt) {
    if (run.attempts().current(task) != attempt || run.status(task) != PipelineRun.RUNNING) {
      return;
    }
    run.attempts().markTimedOut(task, attempt);
    Object running = PipelineRun.OBJECTS.getVolatile(run.slots, run.flight(task));
    if (running instanceof Thread thread) {
      Interrupts.interrupt(
          run.slots, run.flight(task), thread); // its own thread then reports the timeout
    } else if (running instanceof java.util.concurrent.CompletionStage<?>
        && PipelineRun.OBJECTS.compareAndSet(run.slots, run.flight(task), running, null)) {
      PipelineRun.cancelQuietly(running);
      run.pushIfReady(run.finish(task, null, null));
    }
  }

  /** Starts the run's deadline timer. */
  static ScheduledFuture<?> startDeadline(PipelineRun run, long deadlineNanos) {
    return Timer.schedule(() -> deadlinePassed(run, deadlineNanos), deadlineNanos);
  }

  /** On the timer thread: the run's deadline passed. The first unfinished task takes the blame. */
  private static void deadlinePassed(PipelineRun run, long deadlineNanos) {
    if (!run.isActive()) {
      return;
    }
    GraphTable graph = run.graph;
    int blamed = -1;
    for (int task = 0; task < graph.size() && blamed < 0; task++) {
      int state = run.status(task);
      if (state == PipelineRun.RUNNING
          || state == PipelineRun.RETRY_WAIT
          || state == PipelineRun.COMPLETING) {
        blamed = task;
      }
    }
    for (int task = 0; task < graph.size() && blamed < 0; task++) {
      if (run.status(task) >= 0 && run.isIncluded(task)) {
        blamed = task; // ready or waiting: nothing was running at that instant
      }
    }
    if (blamed >= 0) {
      run.recordFailure(
          blamed,
          new TimeoutException(
              "run of "
                  + graph.pipeline()
                  + " passed its deadline of "
                  + RunMessages.duration(deadlineNanos)
                  + " while task '"
                  + graph.name(blamed)
                  + "' was unfinished"));
      run.stop(PipelineRun.FAILING);
    }
  }
}
