package dev.taskwire.runtime.store;

/**
 * Why a run used a stored result of a task, or why it called the task instead: what {@link
 * dev.taskwire.runtime.TaskListener#taskLookedUp} hears and a trace shows, once per task that a run
 * with a {@link ResultStore} starts.
 */
public enum StoreDecision {
  /** A stored result was used; the task's method was not called. */
  HIT,
  /** The store has no result of this task at all. */
  NO_ENTRY,
  /** The store has results of this task's code, none for these inputs. */
  INPUTS_CHANGED,
  /** The store has results of this task, none of its code as it is now: it was edited. */
  CODE_CHANGED,
  /**
   * An input the task receives is not {@code Serializable}, so it cannot be fingerprinted: the task
   * runs and its result is not stored.
   */
  INPUT_NOT_SERIALIZABLE,
  /**
   * A prerequisite failed and the task receives its {@code Outcome}: such a call is not looked up
   * or stored.
   */
  INPUT_FAILED,
  /**
   * The store failed (it threw, or held a value it refused to read or of another type than the
   * task's), which is logged: the task runs, and its result is offered to the store again.
   */
  STORE_ERROR;

  /** Whether the stored result was used. */
  public boolean isHit() {
    return this == HIT;
  }

  /** The decision in lower case with spaces, as reports print it: {@code "inputs changed"}. */
  public String words() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
