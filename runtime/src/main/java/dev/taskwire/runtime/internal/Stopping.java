package dev.taskwire.runtime.internal;

import java.util.concurrent.CompletionStage;

/**
 * How a run stops, once its phase has left ACTIVE (a failure under fail-fast, the deadline, {@code
 * cancel()}): each task in flight is stopped through its in-flight slot. A sync task's thread is
 * interrupted, an async task's pending stage cancelled and the task ended cancelled, a task waiting
 * for its retry ended cancelled, and a fan-out's element run stopped the same way (the fan-out task
 * ends once its running elements have). Every step races with the task's own end through a CAS on
 * its slot or its status, so each task ends once.
 *
 * <p>Stopping calls user code: cancelling a stage runs its callbacks, ending a task calls listeners
 * and may settle the run. The deadline fires on the timer thread that every run shares, so it only
 * interrupts threads there, which needs no thread of the run's (whose threads may all be busy with
 * tasks that wait to be interrupted), and hands the rest to the run's executor.
 */
final class Stopping {
  private Stopping() {}

  /**
   * Records the failure of {@code task} in {@code run}; under fail-fast, the first one stops the
   * run.
   */
  static void recordFailure(Scheduler run, int task, Throwable error) {
    addFailure(run, task, error);
    if (!run.template.keepGoing) {
      run.stop(PipelineRun.FAILED);
    }
    // Keeping going: the failed task's dependents never become ready, so they are skipped.
  }

  /** Records the failure of {@code task} without stopping the run. */
  static void addFailure(Scheduler run, int task, Throwable error) {
    Failures recorded = run.failuresForRecording();
    // A fan-out that ends failed reports its elements' own failures (a deadline does not).
    if (run.inFlight(task) instanceof PipelineRun elements
        && elements.isDone()
        && elements.failures != null) {
      recorded.addElements(task, elements.failures);
    } else {
      recorded.add(task, run.graph.name(task), error, run.attemptOf(task));
    }
  }

  /** Moves the phase from ACTIVE to {@code phase} and stops every task in flight. */
  static boolean stop(Scheduler run, int phase) {
    if (!run.endActive(phase)) {
      return false;
    }
    stopInFlight(run);
    return true;
  }

  /**
   * As {@link #stop}, on the timer thread: interrupts the running threads here, and hands the rest
   * to the run's executor; if it refuses, to a thread of the timer's own (see {@link
   * Timer#runOffTimer}), since nothing else will.
   */
  static boolean stopFromTimer(Scheduler run, int phase) {
    if (!run.endActive(phase)) {
      return false;
    }
    interruptThreads(run);
    if (Timer.handOff(run.executor(), () -> stopInFlight(run)) != null) {
      Timer.runOffTimer(() -> stopInFlight(run));
    }
    return true;
  }

  /**
   * Stops every task in flight; the run's phase has left ACTIVE. Idempotent: what has stopped is no
   * longer in flight, or its end is claimed already.
   */
  static void stopInFlight(Scheduler run) {
    for (int task = 0; task < run.graph.size(); task++) {
      Object running = run.inFlight(task);
      if (running instanceof Thread thread) {
        Interrupts.interrupt(run.slots, run.flight(task), thread);
      } else if (running instanceof CompletionStage) {
        AsyncStages.cancel(run, task);
      } else if (running instanceof Retries.Wait) {
        Retries.cancel(run, task);
      } else if (running instanceof Limits.Wait wait) {
        Limits.cancel(run, wait);
      } else if (running instanceof Scheduler elements) {
        elements.endActive(PipelineRun.CANCELLED);
        stopInFlight(elements);
      }
    }
  }

  /** The timer's part of stopping: interrupts the threads running tasks, elements' included. */
  private static void interruptThreads(Scheduler run) {
    for (int task = 0; task < run.graph.size(); task++) {
      Object running = run.inFlight(task);
      if (running instanceof Thread thread) {
        Interrupts.interrupt(run.slots, run.flight(task), thread);
      } else if (running instanceof Scheduler elements) {
        elements.endActive(PipelineRun.CANCELLED); // so that an interrupted element is a stop
        interruptThreads(elements);
      }
    }
  }
}
