package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * JDK Flight Recorder events of runs ({@link JfrRun}) and task attempts ({@link JfrTaskAttempt}),
 * made only while a recording takes them. Each run asks once, when it is made: without such a
 * recording it gets no listener from here and pays one check; with one, it gets a {@link Recorder}
 * of its own, or a {@link RunRecorder}, which hears no task event, if the recording takes runs but
 * not attempts. A recording stopped mid-run only makes the rest of its events go unwritten.
 */
final class FlightEvents implements TaskListener {
  private static final FlightEvents LISTENER = new FlightEvents();

  // Event.isEnabled() reads the event type's state; these instances are only asked that.
  private static final JfrRun RUNS = new JfrRun();
  private static final JfrTaskAttempt ATTEMPTS = new JfrTaskAttempt();

  private FlightEvents() {}

  /** Whether a recording takes taskwire's events now. */
  static boolean recording() {
    return RUNS.isEnabled() || ATTEMPTS.isEnabled();
  }

  /** The listener that makes a recorder for each run, while a recording takes the events. */
  static TaskListener listenerIfRecording() {
    return recording() ? LISTENER : null;
  }

  @Override
  public TaskListener forRun(RunEvent started) {
    if (ATTEMPTS.isEnabled()) {
      return new Recorder(started.graph());
    }
    return RUNS.isEnabled() ? new RunRecorder() : null;
  }

  @Override
  public String toString() {
    return "taskwire's flight recorder events";
  }

  /**
   * The run event of one run. It overrides no task event's method, so that the run makes no task
   * events for it.
   */
  private static class RunRecorder implements TaskListener {
    private final JfrRun run = new JfrRun();

    @Override
    public void runStarted(RunEvent event) {
      run.begin();
      run.pipeline = event.pipeline();
      run.tasks = event.tasks();
    }

    @Override
    public void runFinished(RunEvent event) {
      run.end();
      RuntimeException failure = event.failure();
      run.outcome =
          failure == null
              ? "succeeded"
              : failure instanceof CancellationException ? "cancelled" : "failed";
      run.failure = failure == null ? null : failure.getMessage();
      if (run.shouldCommit()) {
        run.commit();
      }
    }

    @Override
    public String toString() {
      return "taskwire's flight recorder event of a run";
    }
  }

  /**
   * The events of one run and of its task attempts; the state of each task lives from its
   * scheduling to its end.
   */
  private static final class Recorder extends RunRecorder {
    private final TaskGraph graph;

    /** Whole tasks' attempts by index; elements', unknown in number until they start, in a map. */
    private final AtomicReferenceArray<Attempt> tasks;

    private final ConcurrentHashMap<Long, Attempt> elements = new ConcurrentHashMap<>();

    Recorder(TaskGraph graph) {
      this.graph = graph;
      this.tasks = new AtomicReferenceArray<>(graph.size());
    }

    /** A task's or element's attempt in flight, and when it became ready for it. */
    private static final class Attempt {
      long readyNanos;
      JfrTaskAttempt event;

      Attempt(long readyNanos) {
        this.readyNanos = readyNanos;
      }
    }

    private static Long key(TaskEvent event) {
      return ((long) event.index() << 32) | event.element();
    }

    private Attempt get(TaskEvent event) {
      return event.isElement() ? elements.get(key(event)) : tasks.get(event.index());
    }

    private void put(TaskEvent event, Attempt attempt) {
      if (event.isElement()) {
        elements.put(key(event), attempt);
      } else {
        tasks.set(event.index(), attempt);
      }
    }

    private Attempt remove(TaskEvent event) {
      return event.isElement() ? elements.remove(key(event)) : tasks.getAndSet(event.index(), null);
    }

    @Override
    public void taskScheduled(TaskEvent event) {
      put(event, new Attempt(event.nanoTime()));
    }

    @Override
    public void taskStarted(TaskEvent event) {
      Attempt attempt = get(event);
      if (attempt == null) { // it was never scheduled in this run: resumed, or started at once
        attempt = new Attempt(event.nanoTime());
        put(event, attempt);
      }
      JfrTaskAttempt started = new JfrTaskAttempt();
      started.begin();
      started.pipeline = event.pipeline();
      started.task = graph.name(event.index());
      started.element = event.element();
      started.attempt = event.attempt();
      started.ranOn = event.thread();
      started.waited = Math.max(0, event.nanoTime() - attempt.readyNanos);
      attempt.event = started;
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      end(remove(event), event, "succeeded");
    }

    @Override
    public void taskFailed(TaskEvent event) {
      end(remove(event), event, "failed");
    }

    @Override
    public void taskCancelled(TaskEvent event) {
      end(remove(event), event, "cancelled");
    }

    @Override
    public void taskRetried(TaskEvent event) {
      Attempt attempt = get(event);
      end(attempt, event, "retried");
      if (attempt != null) {
        attempt.readyNanos = event.nanoTime();
      }
    }

    @Override
    public void taskSkipped(TaskEvent event) {
      remove(event);
    }

    /** Commits the attempt's event, if it started one (a refused hand-off never did). */
    private static void end(Attempt attempt, TaskEvent event, String outcome) {
      JfrTaskAttempt ended = attempt == null ? null : attempt.event;
      if (ended == null) {
        return;
      }
      attempt.event = null;
      ended.end();
      ended.outcome = outcome;
      ended.fromStore = event.fromStore();
      ended.failure = event.error() == null ? null : event.error().toString();
      if (ended.shouldCommit()) {
        ended.commit();
      }
    }

    @Override
    public String toString() {
      return "taskwire's flight recorder events of a run of " + graph.pipeline();
    }
  }
}
