package dev.taskwire.runtime;

/**
 * A named limit on how many calls of the tasks that name it ({@code @Task(limit = "automl")}) run
 * at once, across every run whose options hold it; set with {@link RunOptions#limit(String, int)}
 * and read back with {@link RunOptions#limits()}, to watch it.
 */
public interface SharedLimit {
  /** The name tasks give it in {@code @Task(limit = ...)}. */
  String name();

  /** How many calls may run at once. */
  int permits();

  /** How many calls hold a permit now. */
  int inUse();

  /** How many tasks wait for a permit now; a waiting task holds no thread. */
  int waiting();
}
