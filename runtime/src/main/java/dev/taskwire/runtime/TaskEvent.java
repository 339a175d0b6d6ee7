package dev.taskwire.runtime;

/**
 * Something that happened to one task of a run, or to one element of a fan-out task; {@link
 * TaskListener} says which events a task gets, and in what order.
 *
 * @param pipeline the pipeline class's name
 * @param task the task's name; for an element of a fan-out task, the task's name and the element's
 *     position, as in {@code train[3]}
 * @param index the task's index in the {@link TaskGraph} (a fan-out task's own index for each of
 *     its elements)
 * @param attempt the task's current attempt, 1 for the first; it moves on when a backoff ends, so a
 *     task cancelled after its backoff but before its next attempt began reports that next attempt
 * @param thread the thread the event happened on
 * @param nanoTime {@link System#nanoTime()} when it happened
 * @param error the failure, for failed, retried and cancelled events; otherwise null
 * @param element the element's position, for an element of a fan-out task; otherwise -1
 * @param fromStore true only on {@link TaskListener#taskSucceeded} of a task whose result came from
 *     the run's {@link dev.taskwire.runtime.store.ResultStore}: the task's method was not called
 */
public record TaskEvent(
    String pipeline,
    String task,
    int index,
    int attempt,
    Thread thread,
    long nanoTime,
    Throwable error,
    int element,
    boolean fromStore) {

  /** An event of a whole task or of an element, not a result from a store. */
  public TaskEvent(
      String pipeline,
      String task,
      int index,
      int attempt,
      Thread thread,
      long nanoTime,
      Throwable error,
      int element) {
    this(pipeline, task, index, attempt, thread, nanoTime, error, element, false);
  }

  /** An event of a whole task, not of an element of a fan-out. */
  public TaskEvent(
      String pipeline,
      String task,
      int index,
      int attempt,
      Thread thread,
      long nanoTime,
      Throwable error) {
    this(pipeline, task, index, attempt, thread, nanoTime, error, -1, false);
  }

  /** Whether this event is about one element of a fan-out task rather than a whole task. */
  public boolean isElement() {
    return element >= 0;
  }
}
