package dev.taskwire.runtime.serial;

import java.io.InvalidClassException;

/**
 * An input held a class that its {@link AllowList} does not admit, or broke one of its limits; the
 * message names the class, what was being read (the task and the pipeline) and how to admit a class
 * that belongs there. Nothing of the refused class was created. A result store counts it as a miss,
 * so the task runs; a dispatched call fails with it, and is not retried (it would be refused
 * again).
 */
public final class RejectedClassException extends InvalidClassException {
  private static final long serialVersionUID = 1L;

  private final String what;

  /**
   * @param className the refused class, or the class being read when a limit was broken
   * @param what what was being read, as in {@link AllowList#what()}
   * @param reason why, starting with what was wrong: {@code "not allowed in ..."}
   */
  public RejectedClassException(String className, String what, String reason) {
    super(className, reason);
    this.what = what;
  }

  /** The refused class's name, as in {@link Class#getName()}. */
  public String className() {
    return classname;
  }

  /** What was being read: {@code "the result of task 'train' of app.Pipeline"}. */
  public String what() {
    return what;
  }
}
