package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.StoreDecision;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The listeners of a run, called in registration order, each one isolated: a listener that throws
 * anything, an Error included, is reported and skipped, and the run and the other listeners carry
 * on. A listener observes the run; what it throws never changes how the run ends. Each listener's
 * first failure is logged as a warning, later ones at DEBUG, so that a broken metrics registry does
 * not write a stack trace per event.
 */
final class Listeners {
  private static final TaskListener[] NONE = new TaskListener[0];

  // One bit per event: a run makes an event only if some listener overrides its method.
  static final int RUN_STARTED = 1;
  static final int RUN_FINISHED = 1 << 1;
  static final int SCHEDULED = 1 << 2;
  static final int STARTED = 1 << 3;
  static final int SUCCEEDED = 1 << 4;
  static final int FAILED = 1 << 5;
  static final int RETRIED = 1 << 6;
  static final int CANCELLED = 1 << 7;
  static final int SKIPPED = 1 << 8;
  static final int SUPPLIED = 1 << 9;
  static final int LOOKED_UP = 1 << 10;
  static final int LIMITED = 1 << 11;

  /** Not an event: the listener overrides {@link TaskListener#forRun}. */
  private static final int FOR_RUN = 1 << 12;

  private static final String[] METHODS = {
    "runStarted",
    "runFinished",
    "taskScheduled",
    "taskStarted",
    "taskSucceeded",
    "taskFailed",
    "taskRetried",
    "taskCancelled",
    "taskSkipped",
    "taskSupplied",
    "taskLookedUp",
    "taskLimited"
  };

  /** Per listener class, the bits of the events whose methods it overrides. */
  private static final ClassValue<Integer> OVERRIDDEN =
      new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
          int events = 0;
          try {
            if (type.getMethod("forRun", RunEvent.class).getDeclaringClass()
                != TaskListener.class) {
              events |= FOR_RUN;
            }
          } catch (NoSuchMethodException | SecurityException unknown) {
            events |= FOR_RUN;
          }
          for (int bit = 0; bit < METHODS.length; bit++) {
            Class<?>[] parameters =
                bit < 2
                    ? new Class<?>[] {RunEvent.class}
                    : 1 << bit == LOOKED_UP
                        ? new Class<?>[] {TaskEvent.class, StoreDecision.class}
                        : 1 << bit == LIMITED
                            ? new Class<?>[] {TaskEvent.class, String.class}
                            : new Class<?>[] {TaskEvent.class};
            try {
              if (type.getMethod(METHODS[bit], parameters).getDeclaringClass()
                  != TaskListener.class) {
                events |= 1 << bit;
              }
            } catch (NoSuchMethodException | SecurityException unknown) {
              events |= 1 << bit; // cannot tell: it gets the event
            }
          }
          return events;
        }
      };

  private final TaskListener[] listeners;

  /** Per listener, whether it failed before; racy, at worst a second warning. */
  private final boolean[] failedBefore;

  /** The bits of the events that some listener here overrides. */
  private final int wanted;

  private Listeners(TaskListener[] listeners) {
    this.listeners = listeners;
    this.failedBefore = new boolean[listeners.length];
    int events = 0;
    for (TaskListener listener : listeners) {
      events |= OVERRIDDEN.get(listener.getClass());
    }
    this.wanted = events;
  }

  /** Whether some listener overrides the method of {@code event}, one of the event bits above. */
  boolean want(int event) {
    return (wanted & event) != 0;
  }

  /**
   * The listeners of {@code listeners}, or null if there are none, or none overrides a method: a
   * run then skips events, as without listeners.
   */
  static Listeners of(List<TaskListener> listeners) {
    Listeners all = new Listeners(listeners.toArray(NONE));
    return all.wanted == 0 ? null : all;
  }

  /**
   * Before a run starts: the options' listeners ({@code options}, may be null), then those of the
   * run's context, then the flight recorder's while a recording takes taskwire's events; null if
   * there are none.
   */
  static Listeners beforeStart(Listeners options, RunContext context) {
    TaskListener[] contextual = context == null ? NONE : context.listeners();
    TaskListener flight = FlightEvents.listenerIfRecording();
    if (contextual.length == 0 && flight == null) {
      return options;
    }
    TaskListener[] base = options == null ? NONE : options.listeners;
    TaskListener[] all =
        Arrays.copyOf(base, base.length + contextual.length + (flight == null ? 0 : 1));
    System.arraycopy(contextual, 0, all, base.length, contextual.length);
    if (flight != null) {
      all[all.length - 1] = flight;
    }
    return new Listeners(all);
  }

  /**
   * When the run starts: what each listener's {@link TaskListener#forRun} returned, these same
   * listeners if each returned itself, or null if none wants the run. A listener whose {@code
   * forRun} throws is reported and hears nothing of the run.
   */
  Listeners forRun(RunEvent started) {
    if ((wanted & FOR_RUN) == 0) {
      return this; // each listener is its own for every run
    }
    TaskListener[] forRun = new TaskListener[listeners.length];
    int kept = 0;
    boolean same = true;
    for (TaskListener listener : listeners) {
      TaskListener own;
      try {
        own = listener.forRun(started);
      } catch (Throwable thrown) { // an Error too, as in fire
        Warnings.warn(
            () -> "taskwire listener " + listener + " threw in forRun; it hears nothing of the run",
            thrown);
        own = null;
      }
      same &= own == listener;
      if (own != null) {
        forRun[kept++] = own;
      }
    }
    if (same) {
      return this;
    }
    Listeners own = new Listeners(Arrays.copyOf(forRun, kept));
    return own.wanted == 0 ? null : own;
  }

  <E> void fire(BiConsumer<TaskListener, E> method, E event) {
    for (int i = 0; i < listeners.length; i++) {
      TaskListener listener = listeners[i];
      try {
        method.accept(listener, event);
      } catch (Throwable thrown) { // an Error too: a listener only watches, it cannot end a run
        Supplier<String> message =
            () -> "taskwire listener " + listener + " threw on " + event + "; it was ignored";
        if (failedBefore[i]) {
          Warnings.again(message, thrown);
        } else {
          failedBefore[i] = true;
          Warnings.warn(() -> message.get() + " (its later failures are logged at DEBUG)", thrown);
        }
      }
    }
  }

  @Override
  public String toString() {
    return Arrays.toString(listeners);
  }
}
