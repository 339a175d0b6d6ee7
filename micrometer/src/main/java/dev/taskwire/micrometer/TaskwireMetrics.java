package dev.taskwire.micrometer;

import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-task metrics of taskwire runs on a Micrometer {@link MeterRegistry}:
 *
 * <pre>{@code
 * TaskwireMetrics metrics = TaskwireMetrics.of(registry);
 * RunOptions options = RunOptions.defaults().listener(metrics.listener());
 * new MyPipelineRunner(pipeline, options).run();
 * }</pre>
 *
 * <p>The meters, all tagged with {@code pipeline} (the pipeline class's name) and, but for the run
 * timer, {@code task} (the task's name in the graph):
 *
 * <ul>
 *   <li>{@value #TASK_DURATION}, a timer of each attempt, from {@code taskStarted} to how it ended,
 *       tagged {@code outcome}: {@code succeeded}, {@code failed}, {@code cancelled}, or {@code
 *       retried} for an attempt that is retried. An attempt that finds its result in the result
 *       store is timed too (as {@code succeeded}): it is the time the lookup took; {@value
 *       #TASK_CACHE_HITS} counts those.
 *   <li>{@value #TASK_QUEUED}, a timer of how long a task waited to start: from {@code
 *       taskScheduled} to its first {@code taskStarted}. The wait before a retry ({@code
 *       taskRetried} to the next {@code taskStarted}) is not queueing but the task's own backoff,
 *       which the task asked for; counting it here would make a busy executor and a patient retry
 *       look alike, so it is not timed at all.
 *   <li>{@value #TASK_OUTCOMES}, a counter of how tasks ended, tagged {@code outcome}: {@code
 *       succeeded}, {@code failed}, {@code cancelled} or {@code skipped}. Exactly one per task of a
 *       run.
 *   <li>{@value #TASK_RETRIES}, a counter of retried attempts.
 *   <li>{@value #TASK_CACHE_HITS}, a counter of tasks whose result came from the run's result
 *       store.
 *   <li>{@value #RUN_DURATION}, a timer of whole runs, tagged {@code pipeline} and {@code outcome}:
 *       {@code succeeded}, {@code failed} or {@code cancelled}.
 * </ul>
 *
 * <p>The elements of a fan-out task ({@code train[3]}) are measured under their task's name: the
 * element's position is never a tag, nor is any exception message, so the number of time series is
 * bounded by the pipeline's tasks times four outcomes. A fan-out task of {@code n} elements so
 * counts {@code n + 1} outcomes and attempts under its name: one for each element and one for the
 * task as a whole (from its start to its last element's end). A fan-out whose result comes from the
 * store has no element events, so it counts one.
 *
 * <p>One instance may serve any number of runs and pipelines at once: its listener gives each run a
 * listener of its own ({@link TaskListener#forRun}), which keeps when each task of that run was
 * scheduled and started, and forgets it when the task ends. Meters are made once per pipeline, task
 * and outcome, and kept.
 */
public final class TaskwireMetrics {
  /** Timer: each attempt's run time, tagged pipeline, task, outcome. */
  public static final String TASK_DURATION = "taskwire.task.duration";

  /** Timer: from a task's scheduling to its first start, tagged pipeline, task. */
  public static final String TASK_QUEUED = "taskwire.task.queued";

  /** Counter: how tasks ended, tagged pipeline, task, outcome. */
  public static final String TASK_OUTCOMES = "taskwire.task.outcomes";

  /** Counter: retried attempts, tagged pipeline, task. */
  public static final String TASK_RETRIES = "taskwire.task.retries";

  /** Counter: results taken from the result store, tagged pipeline, task. */
  public static final String TASK_CACHE_HITS = "taskwire.task.cache.hits";

  /** Timer: whole runs, tagged pipeline, outcome. */
  public static final String RUN_DURATION = "taskwire.run.duration";

  // Indices into TaskMeters' arrays; the terminal outcomes first, so a terminal event's index works
  // for both the attempt timers and the outcome counters.
  private static final int SUCCEEDED = 0;
  private static final int FAILED = 1;
  private static final int CANCELLED = 2;
  private static final int SKIPPED = 3; // outcome counter only: a skipped task never ran
  private static final int RETRIED = 3; // attempt timer only: a retried attempt ends no task
  private static final String[] COUNTED = {"succeeded", "failed", "cancelled", "skipped"};
  private static final String[] TIMED = {"succeeded", "failed", "cancelled", "retried"};

  private final MeterRegistry registry;
  private final Listener listener = new Listener();

  // Keyed by pipeline and task: a run looks each task up once, at its first event.
  private final ConcurrentHashMap<TaskKey, TaskMeters> tasks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RunMeters> runs = new ConcurrentHashMap<>();

  private TaskwireMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics recorded in {@code registry}. */
  public static TaskwireMetrics of(MeterRegistry registry) {
    return new TaskwireMetrics(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * The listener to register with {@code RunOptions.listener(...)}; always the same one, which may
   * be shared by any number of options, runners and concurrent runs.
   */
  public TaskListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "TaskwireMetrics{" + registry.getClass().getSimpleName() + "}";
  }

  private record TaskKey(String pipeline, String task) {}

  /**
   * One task's meters, made on first use: a registry whose meter filters deny a meter, or throw,
   * costs nothing until then. Two threads that race to make one get the same meter back from the
   * registry, so the race is harmless.
   */
  private final class TaskMeters {
    private final Tags tags;
    private final AtomicReferenceArray<Timer> attempts = new AtomicReferenceArray<>(TIMED.length);
    private final AtomicReferenceArray<Counter> outcomes =
        new AtomicReferenceArray<>(COUNTED.length);
    private volatile Timer queued;
    private volatile Counter retries;
    private volatile Counter cacheHits;

    TaskMeters(TaskKey key) {
      this.tags = Tags.of("pipeline", key.pipeline(), "task", key.task());
    }

    Timer attempt(int outcome) {
      Timer timer = attempts.get(outcome);
      if (timer == null) {
        timer =
            Timer.builder(TASK_DURATION)
                .description("How long each attempt of a task ran, by how it ended")
                .tags(tags)
                .tag("outcome", TIMED[outcome])
                .register(registry);
        attempts.set(outcome, timer);
      }
      return timer;
    }

    Counter outcome(int outcome) {
      Counter counter = outcomes.get(outcome);
      if (counter == null) {
        counter =
            Counter.builder(TASK_OUTCOMES)
                .description("How tasks ended")
                .tags(tags)
                .tag("outcome", COUNTED[outcome])
                .register(registry);
        outcomes.set(outcome, counter);
      }
      return counter;
    }

    Timer queued() {
      Timer timer = queued;
      if (timer == null) {
        timer =
            Timer.builder(TASK_QUEUED)
                .description("How long a task waited from being ready to its first attempt")
                .tags(tags)
                .register(registry);
        queued = timer;
      }
      return timer;
    }

    Counter retries() {
      Counter counter = retries;
      if (counter == null) {
        counter =
            Counter.builder(TASK_RETRIES)
                .description("Attempts of a task that failed and were retried")
                .tags(tags)
                .register(registry);
        retries = counter;
      }
      return counter;
    }

    Counter cacheHits() {
      Counter counter = cacheHits;
      if (counter == null) {
        counter =
            Counter.builder(TASK_CACHE_HITS)
                .description("Tasks whose result came from the result store")
                .tags(tags)
                .register(registry);
        cacheHits = counter;
      }
      return counter;
    }
  }

  /** A pipeline's run timers, one per outcome, made on first use. */
  private final class RunMeters {
    private final String pipeline;
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(CANCELLED + 1);

    RunMeters(String pipeline) {
      this.pipeline = pipeline;
    }

    Timer timer(int outcome) {
      Timer timer = timers.get(outcome);
      if (timer == null) {
        timer =
            Timer.builder(RUN_DURATION)
                .description("How long whole runs took, by how they ended")
                .tag("pipeline", pipeline)
                .tag("outcome", COUNTED[outcome])
                .register(registry);
        timers.set(outcome, timer);
      }
      return timer;
    }
  }

  /** The shared listener: all it does is give each run a {@link RunMetrics} of its own. */
  private final class Listener implements TaskListener {
    @Override
    public TaskListener forRun(RunEvent started) {
      return new RunMetrics(started);
    }

    @Override
    public String toString() {
      return TaskwireMetrics.this.toString();
    }
  }

  /**
   * When one task (or element) of a run was scheduled and when its current attempt started; made at
   * its first event, dropped at its last. Plain fields: the events of one task happen-before each
   * other, and the map hands the object over between their threads.
   */
  private static final class InFlight {
    static final long NONE = Long.MIN_VALUE;

    long scheduled = NONE;
    long started = NONE; // NONE between attempts, so a backoff is never timed as a run
    boolean everStarted;
  }

  /** One run's listener: its start time, and the tasks and elements it has in flight. */
  private final class RunMetrics implements TaskListener {
    private final String pipeline;
    private final TaskGraph graph;
    private final long startedNanos;
    // Per graph index, that task's meters, so the run asks the shared map once per task.
    private final AtomicReferenceArray<TaskMeters> meters;
    private final ConcurrentHashMap<Long, InFlight> inFlight = new ConcurrentHashMap<>();

    RunMetrics(RunEvent started) {
      this.pipeline = started.pipeline();
      this.graph = started.graph();
      this.startedNanos = started.nanoTime();
      this.meters = new AtomicReferenceArray<>(graph.size());
    }

    private TaskMeters meters(TaskEvent event) {
      int index = event.index();
      TaskMeters task = meters.get(index);
      if (task == null) {
        // The graph's name, never event.task(): an element's name carries its position.
        task = tasks.computeIfAbsent(new TaskKey(pipeline, graph.name(index)), TaskMeters::new);
        meters.set(index, task);
      }
      return task;
    }

    /** A task and element in one key: the element is -1 for a whole task. */
    private Long key(TaskEvent event) {
      return ((long) event.index() << 32) | (event.element() & 0xFFFF_FFFFL);
    }

    @Override
    public void runFinished(RunEvent event) {
      RuntimeException failure = event.failure();
      int outcome =
          failure == null
              ? SUCCEEDED
              : failure instanceof CancellationException ? CANCELLED : FAILED;
      runs.computeIfAbsent(pipeline, RunMeters::new)
          .timer(outcome)
          .record(event.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
      // Normally empty already (each terminal event removed its task); cleared anyway so that no
      // state outlives the run for as long as a caller keeps its Execution, which holds this.
      inFlight.clear();
    }

    @Override
    public void taskScheduled(TaskEvent event) {
      InFlight task = new InFlight();
      task.scheduled = event.nanoTime();
      inFlight.put(key(event), task);
    }

    @Override
    public void taskStarted(TaskEvent event) {
      // A task started without being scheduled (not one the runtime sends) is timed, not queued.
      InFlight task = inFlight.computeIfAbsent(key(event), key -> new InFlight());
      boolean first = !task.everStarted;
      // The state first, the registry after: a registry that throws loses a sample, not the task.
      task.everStarted = true;
      task.started = event.nanoTime();
      if (first && task.scheduled != InFlight.NONE) {
        meters(event).queued().record(event.nanoTime() - task.scheduled, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public void taskRetried(TaskEvent event) {
      InFlight task = inFlight.get(key(event));
      TaskMeters meters = meters(event);
      if (task != null) {
        timeAttempt(meters, task, event, RETRIED);
      }
      meters.retries().increment();
    }

    @Override
    public void taskSucceeded(TaskEvent event) {
      TaskMeters meters = ended(event, SUCCEEDED);
      if (event.fromStore()) {
        meters.cacheHits().increment();
      }
    }

    @Override
    public void taskFailed(TaskEvent event) {
      ended(event, FAILED);
    }

    @Override
    public void taskCancelled(TaskEvent event) {
      ended(event, CANCELLED);
    }

    @Override
    public void taskSkipped(TaskEvent event) {
      ended(event, SKIPPED);
    }

    /** A terminal event: counts it, times the attempt it ends if one ran, forgets the task. */
    private TaskMeters ended(TaskEvent event, int outcome) {
      TaskMeters meters = meters(event);
      InFlight task = inFlight.remove(key(event));
      // Skipped never follows started, so SKIPPED never reaches the attempt timers (where 3 is
      // RETRIED); a task cancelled during its backoff has no attempt running.
      if (task != null && outcome != SKIPPED) {
        timeAttempt(meters, task, event, outcome);
      }
      meters.outcome(outcome).increment();
      return meters;
    }

    /** Times the attempt running, if one is, and notes that none is any more. */
    private void timeAttempt(TaskMeters meters, InFlight task, TaskEvent event, int outcome) {
      long started = task.started;
      task.started = InFlight.NONE;
      if (started != InFlight.NONE) {
        meters.attempt(outcome).record(event.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public String toString() {
      return "TaskwireMetrics of a run of " + pipeline;
    }
  }
}
