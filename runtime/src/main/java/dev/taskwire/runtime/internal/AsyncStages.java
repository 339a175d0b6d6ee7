package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.TaskKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a run waits for the stages of async (and dispatched) tasks without holding a thread: the
 * stage goes into the task's in-flight slot, a callback finishes the task when it completes, and
 * the task's dependents then run on the run's own threads, never on the thread that completed the
 * stage (say, an HTTP client's). A stopped run cancels the stages it waits for. And how {@code
 * start()} calls the async methods that are ready at once on its own thread.
 */
final class AsyncStages {
  /** Up to this many tasks, pending stages share one callback (see watchesStages()). */
  private static final int WATCHED_TASKS = 32;

  private AsyncStages() {}

  /**
   * For {@code start()}: the caller calls the ready async methods itself, as hand-written code
   * starts its calls, instead of handing each to the executor; such a method should only start work
   * and return. The sources lie on the stack in declaration order, so the caller takes them in that
   * order; it takes every task off the stack to get at them, holds the sync ones (start() runs no
   * sync task on the caller's thread) and pushes them back before each call and at the end. While
   * it calls, it holds a seat in the {@link HelperWatch}: should a method block (say, until a
   * sibling has started), the watch hands the run to a helper within a tick or two, which takes the
   * later sources and calls them on its own thread.
   */
  static void callReadyHere(Scheduler run) {
    // The thread's own interrupt status is not the methods': they start without it, get it back.
    boolean interrupted = Thread.interrupted();
    int seat = HelperWatch.sit(run);
    try {
      callReadyHere(run, seat);
    } finally {
      HelperWatch.leave(seat);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void callReadyHere(Scheduler run, int seat) {
    int held = ReadyStack.EMPTY;
    int heldBottom = ReadyStack.EMPTY;
    for (int task = run.pop(); task != ReadyStack.EMPTY; task = run.pop()) {
      if (!isCalledHere(run, task)) {
        heldBottom = held == ReadyStack.EMPTY ? task : heldBottom;
        held = run.chain(task, held);
        continue;
      }
      if (held != ReadyStack.EMPTY) {
        run.pushChain(held, heldBottom);
        held = ReadyStack.EMPTY;
      }
      run.shareWaitingTasks(seat);
      run.pushIfReady(run.execute(task));
    }
    if (held != ReadyStack.EMPTY) {
      run.pushChain(held, heldBottom);
    }
  }

  private static boolean isCalledHere(Scheduler run, int task) {
    return run.graph.kind(task) == TaskKind.ASYNC && !run.graph.isFanOut(task);
  }

  /** Continues inline if the stage is already complete; otherwise waits without a thread. */
  static int await(Scheduler run, int task, Object returned) {
    if (!(returned instanceof CompletionStage<?> stage)) {
      return run.finish(
          task,
          null,
          new NullPointerException(
              "async task '"
                  + run.graph.name(task)
                  + "' returned null instead of a CompletionStage"));
    }
    // Only a plain CompletableFuture: subclasses such as minimal stages may refuse isDone().
    if (stage.getClass() == CompletableFuture.class && ((CompletableFuture<?>) stage).isDone()) {
      return finishWith(run, task, (CompletableFuture<?>) stage);
    }
    run.setInFlight(task, stage);
    if (!run.isActive()) {
      cancel(run, task);
    }
    // Timeouts.timeOut() marks, then reads the slot: it either saw the stage or we see the mark.
    Attempts attempts = run.attempts();
    if (attempts != null && attempts.timedOutNow(task) && run.takeInFlight(task, stage)) {
      Timeouts.abandon(run, task, stage);
      return run.finish(task, null, null);
    }
    int attempt = run.attemptOf(task);
    try {
      if (watchesStages(run) && stage.getClass() == CompletableFuture.class) {
        // The run is every stage's callback: no callback object per task.
        var unused = ((CompletableFuture<?>) stage).whenComplete(run);
        return ReadyStack.EMPTY;
      }
      stage.whenComplete(
          (value, failure) -> {
            if (attempts != null && !endsAttempt(run, task, attempt, stage)) {
              return;
            }
            // Never run user code on the thread that completed the stage.
            run.pushIfReady(
                run.finish(task, value, failure == null ? null : RunMessages.unwrap(failure)));
          });
    } catch (Throwable broken) { // a stage that refuses callbacks, or no memory left for one
      return attempts != null && !endsAttempt(run, task, attempt, stage)
          ? ReadyStack.EMPTY
          : run.finish(task, null, broken);
    }
    return ReadyStack.EMPTY;
  }

  /**
   * With timeouts or retries, whoever takes the stage out of the task's in-flight slot ends its
   * attempt: the stage's callback, or its timeout (which cancels the stage, and so runs the
   * callback, before it ends the attempt). Otherwise a callback that came second could end the next
   * attempt, started by a quick retry meanwhile, with the earlier attempt's outcome.
   */
  private static boolean endsAttempt(Scheduler run, int task, int attempt, Object stage) {
    return run.attempts().current(task) == attempt && run.takeInFlight(task, stage);
  }

  /**
   * Whether pending plain CompletableFutures share the run's one callback, which then looks for the
   * stages that are done among the in-flight slots: in small runs without attempts, where that scan
   * costs less than a callback object per task.
   */
  private static boolean watchesStages(Scheduler run) {
    return run.attempts() == null && run.graph.size() <= WATCHED_TASKS;
  }

  /**
   * The shared callback of {@link #watchesStages}: finishes every task whose stage is done. Taking
   * the stage out of its slot with a CAS takes each stage once; {@link #cancel} and {@code
   * finish()} still decide between a late completion and a cancellation through the task's status.
   */
  static void stagesCompleted(Scheduler run) {
    for (int task = 0; task < run.graph.size(); task++) {
      if (run.inFlight(task) instanceof CompletableFuture<?> stage
          && stage.getClass() == CompletableFuture.class
          && stage.isDone()
          && run.takeInFlight(task, stage)) {
        // Never run user code on the thread that completed the stage.
        run.pushIfReady(finishWith(run, task, stage));
      }
    }
  }

  /** Finishes {@code task} with what its completed {@code stage} holds. */
  private static int finishWith(Scheduler run, int task, CompletableFuture<?> stage) {
    Object value;
    try {
      value = stage.join();
    } catch (Throwable failure) {
      return run.finish(task, null, RunMessages.unwrap(failure));
    }
    return run.finish(task, value, null);
  }

  /**
   * Gives up on a pending async task: it counts as cancelled and its late completion is ignored.
   */
  static void cancel(Scheduler run, int task) {
    if (run.inFlight(task) instanceof CompletionStage<?> stage
        && TaskStatus.beginEnding(run.status, task)) {
      cancelQuietly(stage);
      run.setInFlight(task, null);
      run.endCancelled(task, RunMessages.cancellation(run.graph, task, null));
    }
  }

  /**
   * Cancels what an async task returned, if it can be cancelled. Never throws: the run stops
   * waiting for the stage either way, and a stage's own code must not stop the scheduler.
   */
  static void cancelQuietly(Object returned) {
    if (returned instanceof CompletionStage<?> stage) {
      try {
        stage.toCompletableFuture().cancel(true);
      } catch (UnsupportedOperationException notCancellable) {
        // A stage that is not a CompletableFuture cannot be cancelled; we stop waiting for it.
      } catch (Throwable broken) {
        Warnings.warn(() -> "taskwire could not cancel " + stage, broken);
      }
    }
  }
}
