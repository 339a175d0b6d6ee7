package dev.taskwire.runtime;

import dev.taskwire.runtime.store.StoreDecision;

/**
 * Observes runs: register one with {@link RunOptions#listener(TaskListener)}. Every method has an
 * empty default, so a listener overrides only what it needs.
 *
 * <p>Events arrive on the threads that cause them (a worker, the thread that completed an async
 * task's future, the timer, the caller of {@code run()}), possibly several at once, so
 * implementations must be thread-safe and quick. A listener that throws is reported through {@link
 * System.Logger} and otherwise ignored: it cannot break the run or stop other listeners.
 *
 * <h2>The events of one task</h2>
 *
 * Every task the run includes gets exactly one <em>terminal</em> event, {@code taskSucceeded},
 * {@code taskFailed}, {@code taskCancelled} or {@code taskSkipped}, and it is the task's last.
 * Before it come, in this order: {@code taskScheduled} once, when the task becomes ready (never, if
 * it does not); then {@code taskStarted} before each attempt that begins, with {@code taskRetried}
 * after each attempt but the last. Each event of a task happens-before the task's next event; all
 * of them come after {@code runStarted} and before {@code runFinished}. So:
 *
 * <ul>
 *   <li>A task that runs: scheduled, started, then succeeded, failed (it threw, its future
 *       completed exceptionally, or its attempt timed out) or cancelled (the run stopped while it
 *       ran: a sync task was interrupted, an async task's future cancelled).
 *   <li>A retried task: scheduled, started (attempt 1), retried (attempt 1), started (attempt 2),
 *       ..., then how its last attempt ended. If the run stops during a backoff, or before the next
 *       attempt starts, the task is cancelled: it had started.
 *   <li>In a run with a {@link dev.taskwire.runtime.store.ResultStore}, each task's first {@code
 *       taskStarted} is followed by {@code taskLookedUp}, which says whether a stored result is
 *       used and why or why not. A task whose result comes from the store: scheduled, started (the
 *       attempt that looks it up), looked up ({@link
 *       dev.taskwire.runtime.store.StoreDecision#HIT}), succeeded with {@link
 *       TaskEvent#fromStore()} true; its method was not called.
 *   <li>A task that never starts is skipped, when the run ends. If it had become ready (the run
 *       stopped before it started, whether or not a thread had already taken it up), it was
 *       scheduled first; if not (a prerequisite failed, was cancelled or was skipped, with
 *       fail-fast or keeping going), skipped is its only event. Skipped never follows started.
 *   <li>A task whose hand-off the executor refused: scheduled, failed, with what the executor threw
 *       as {@link TaskEvent#error()}. It did not start and is not retried, since no attempt ran.
 * </ul>
 *
 * <p>The elements of a fan-out task have events of their own, named like {@code train[3]} ({@link
 * TaskEvent#isElement()}), following the same rules, except that an element the run never released
 * (over the task's concurrency limit when the run stopped) is skipped without being scheduled. They
 * all come after the fan-out task's started and before its terminal event. A fan-out task whose
 * result comes from the store has no element events.
 *
 * <p>A run of some targets reports nothing of the tasks it leaves out, and a resumed run nothing of
 * the tasks whose results it reuses; {@link RunEvent#tasks()} counts the tasks that do get events,
 * not counting elements.
 *
 * <p>A listener that keeps state per run (a timer started when a task is scheduled, a span per
 * attempt) returns a fresh listener for each run from {@link #forRun}; events carry no run of their
 * own, so one shared listener cannot tell two concurrent runs of a pipeline apart.
 *
 * <p>With no listener registered the scheduler pays one null check per event. A run makes only the
 * events that some listener overrides the method of, so a listener pays for the events it hears,
 * and one that overrides nothing is as if it were not registered.
 */
public interface TaskListener {
  /**
   * When a run starts, on the thread that starts it, before any of its events: the listener that
   * hears this run's events, {@code runStarted} first. The default is this listener, for every run;
   * a listener that keeps state per run returns a new one, and one that wants nothing of this run
   * returns null (the run then pays nothing for it).
   */
  default TaskListener forRun(RunEvent started) {
    return this;
  }

  /** Before any task of the run is scheduled. */
  default void runStarted(RunEvent event) {}

  /**
   * Once the run has settled, after every task event of the run; {@link RunEvent#failure()} says
   * how it ended.
   */
  default void runFinished(RunEvent event) {}

  /**
   * The task's last prerequisite succeeded (or failed, for one whose {@code Outcome} it takes), or
   * it has none: it is ready to start. Once per task and run.
   */
  default void taskScheduled(TaskEvent event) {}

  /**
   * An attempt is about to begin, on {@link TaskEvent#thread()}, as attempt {@link
   * TaskEvent#attempt()}: the task's stored result is looked up, if the run has a result store,
   * then, unless one is found, its method is called (for a fan-out task: its elements are started).
   */
  default void taskStarted(TaskEvent event) {}

  /**
   * The task returned (for an async task: its future completed) with a value, or its attempt found
   * its result in the result store ({@link TaskEvent#fromStore()}). Terminal.
   */
  default void taskSucceeded(TaskEvent event) {}

  /**
   * The task threw, its future completed exceptionally, its last attempt timed out, or the executor
   * refused its hand-off (then without {@code taskStarted}); see {@link TaskEvent#error()}.
   * Terminal.
   */
  default void taskFailed(TaskEvent event) {}

  /**
   * An attempt failed and the task will be retried after a backoff; {@link TaskEvent#error()} is
   * that attempt's failure and {@link TaskEvent#attempt()} its number. Always after that attempt's
   * {@code taskStarted}.
   */
  default void taskRetried(TaskEvent event) {}

  /**
   * The run's cancellation, fail-fast stop or deadline stopped the task after it started: while an
   * attempt ran, during a backoff, or before its next attempt began. {@link TaskEvent#error()} is
   * the cancellation. Terminal.
   */
  default void taskCancelled(TaskEvent event) {}

  /**
   * The run ended without starting the task: a prerequisite did not succeed, or the run stopped
   * before the task started. Reported when the run ends; never after {@code taskStarted}. Terminal.
   */
  default void taskSkipped(TaskEvent event) {}

  /**
   * A what-if run was given the task's value instead of running it (the generated runner's {@code
   * withX(value)}): the task's only event, right after {@code runStarted}. Terminal.
   */
  default void taskSupplied(TaskEvent event) {}

  /**
   * In a run with a result store, right after a task's first {@code taskStarted}: whether the
   * store's result is used ({@link StoreDecision#HIT}) and, if not, why the task runs instead (no
   * entry, inputs or code changed, an input not serializable or failed, a store error). Asking the
   * store why it missed costs a look at it, paid only when some listener overrides this method.
   */
  default void taskLookedUp(TaskEvent event, StoreDecision decision) {}

  /**
   * The task (or element) is ready but waits for a permit of shared limit {@code limit}
   * ({@code @Task(limit = ...)}, {@link RunOptions#limit}), holding no thread: all are in use.
   * Comes after {@code taskScheduled} (or {@code taskRetried}) and before the attempt's {@code
   * taskStarted}, so the time between this event and that one is the time spent waiting for the
   * limit. Not sent when a permit is free at once (it may be sent for a wait that a permit freed at
   * that moment ended at once).
   */
  default void taskLimited(TaskEvent event, String limit) {}
}
