package dev.taskwire.runtime;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The listeners of a run, called in registration order, each one isolated: a listener that throws
 * is reported and skipped, and the run and the other listeners carry on.
 */
final class Listeners {
  private static final System.Logger LOG = System.getLogger("dev.taskwire.runtime");

  private final TaskListener[] listeners;

  private Listeners(TaskListener[] listeners) {
    this.listeners = listeners;
  }

  static Listeners of(TaskListener... listeners) {
    return new Listeners(listeners.clone());
  }

  Listeners plus(TaskListener listener) {
    TaskListener[] more = Arrays.copyOf(listeners, listeners.length + 1);
    more[listeners.length] = listener;
    return new Listeners(more);
  }

  int size() {
    return listeners.length;
  }

  <E> void fire(BiConsumer<TaskListener, E> method, E event) {
    for (TaskListener listener : listeners) {
      try {
        method.accept(listener, event);
      } catch (Throwable thrown) {
        LOG.log(
            System.Logger.Level.WARNING,
            "taskwire listener " + listener + " threw on " + event + "; it was ignored",
            thrown);
      }
    }
  }
}
