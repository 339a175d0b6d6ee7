package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.TaskListener;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The listeners of a run, called in registration order, each one isolated: a listener that throws
 * anything, an Error included, is reported and skipped, and the run and the other listeners carry
 * on. A listener observes the run; what it throws never changes how the run ends.
 */
final class Listeners {
  private final TaskListener[] listeners;

  private Listeners(TaskListener[] listeners) {
    this.listeners = listeners;
  }

  /** The listeners of {@code listeners}, or null if there are none: a run then skips events. */
  static Listeners of(List<TaskListener> listeners) {
    return listeners.isEmpty() ? null : new Listeners(listeners.toArray(new TaskListener[0]));
  }

  <E> void fire(BiConsumer<TaskListener, E> method, E event) {
    for (TaskListener listener : listeners) {
      try {
        method.accept(listener, event);
      } catch (Throwable thrown) { // an Error too: a listener only watches, it cannot end a run
        Warnings.warn(
            () -> "taskwire listener " + listener + " threw on " + event + "; it was ignored",
            thrown);
      }
    }
  }
}
