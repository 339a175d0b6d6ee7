package dev.taskwire.runtime.internal;

import java.util.Arrays;

/**
 * The values a what-if run is given instead of running their tasks, for generated runners: each
 * {@code withX(value)} returns a runner with one more. Immutable; each addition copies, since a
 * runner keeps a handful at most.
 */
public final class SuppliedValues {
  private final int[] tasks;
  private final Object[] values;

  private SuppliedValues(int[] tasks, Object[] values) {
    this.tasks = tasks;
    this.values = values;
  }

  /**
   * {@code supplied} (null for none) with {@code value} for task {@code task} (its index), in place
   * of any value it had for it.
   */
  public static SuppliedValues with(SuppliedValues supplied, int task, Object value) {
    if (supplied == null) {
      return new SuppliedValues(new int[] {task}, new Object[] {value});
    }
    for (int i = 0; i < supplied.tasks.length; i++) {
      if (supplied.tasks[i] == task) {
        Object[] values = supplied.values.clone();
        values[i] = value;
        return new SuppliedValues(supplied.tasks, values);
      }
    }
    int count = supplied.tasks.length;
    int[] tasks = Arrays.copyOf(supplied.tasks, count + 1);
    Object[] values = Arrays.copyOf(supplied.values, count + 1);
    tasks[count] = task;
    values[count] = value;
    return new SuppliedValues(tasks, values);
  }

  /** Per task of a graph of {@code size} tasks, whether it has a value here. */
  boolean[] given(int size) {
    boolean[] given = new boolean[size];
    for (int task : tasks) {
      given[task] = true;
    }
    return given;
  }

  /** The value for {@code task}, which has one. */
  Object value(int task) {
    for (int i = 0; i < tasks.length; i++) {
      if (tasks[i] == task) {
        return values[i];
      }
    }
    throw new IllegalArgumentException("no value was supplied for task " + task);
  }
}
