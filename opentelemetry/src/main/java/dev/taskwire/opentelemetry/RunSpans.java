package dev.taskwire.opentelemetry;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.store.StoreDecision;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The spans of one recorded run: the run's span, and the span of each attempt in flight. It hears
 * the run's events (as the run's snapshot's listener) and makes the attempt's span current around
 * each call of its task's code.
 */
final class RunSpans implements ContextPropagator.Snapshot, TaskListener {
  private static final Attributes PREREQUISITE =
      Attributes.of(TaskwireAttributes.LINK, "prerequisite");
  private static final Attributes PREVIOUS_ATTEMPT =
      Attributes.of(TaskwireAttributes.LINK, "previous attempt");

  private final Tracer tracer;
  private final Span runSpan;

  /** What was current on the thread that started the run, with the run's span. */
  private final Context run;

  // Set by runStarted, before any task event.
  private volatile TaskGraph graph;

  /** Whole tasks' attempts in flight, by index. */
  private volatile AtomicReferenceArray<Attempt> tasks;

  /** Per whole task: the span of its latest attempt, for its dependents' links. */
  private volatile AtomicReferenceArray<SpanContext> latest;

  /** Elements' attempts in flight, by {@link #elementKey}. */
  private final ConcurrentHashMap<Long, Attempt> elements = new ConcurrentHashMap<>();

  /** {@code runSpan} has started under {@code parent}, and is recording. */
  RunSpans(Tracer tracer, Context parent, Span runSpan) {
    this.tracer = tracer;
    this.runSpan = runSpan;
    this.run = parent.with(runSpan);
  }

  /** A task's or element's current attempt, and the span of the one before it. */
  private static final class Attempt {
    Span span;
    SpanContext previous;
  }

  private static Long elementKey(TaskEvent event) {
    return ((long) event.index() << 32) | event.element();
  }

  private Attempt attempt(TaskEvent event) {
    return event.isElement() ? elements.get(elementKey(event)) : tasks.get(event.index());
  }

  private Attempt startAttempt(TaskEvent event) {
    if (event.isElement()) {
      return elements.computeIfAbsent(elementKey(event), key -> new Attempt());
    }
    Attempt attempt = tasks.get(event.index());
    if (attempt == null) {
      attempt = new Attempt();
      tasks.set(event.index(), attempt);
    }
    return attempt;
  }

  private Attempt endAttempt(TaskEvent event) {
    return event.isElement()
        ? elements.remove(elementKey(event))
        : tasks.getAndSet(event.index(), null);
  }

  // ---- the context around the run's code -----------------------------------------------------
  // The scopes opened here are handed to the runtime, which closes each on its thread after the
  // call it surrounds: Error Prone cannot see that, hence the suppressions.

  @Override
  @SuppressWarnings("MustBeClosedChecker")
  public ContextPropagator.Scope restore() {
    return run.makeCurrent()::close;
  }

  @Override
  @SuppressWarnings("MustBeClosedChecker")
  public ContextPropagator.Scope restore(TaskEvent call) {
    Attempt attempt = attempt(call);
    Span span = attempt == null ? null : attempt.span;
    return span == null ? restore() : run.with(span).makeCurrent()::close;
  }

  @Override
  public TaskListener listener() {
    return this;
  }

  // ---- the run's events -------------------------------------------------------------------------

  @Override
  public void runStarted(RunEvent event) {
    TaskGraph started = event.graph();
    tasks = new AtomicReferenceArray<>(started.size());
    latest = new AtomicReferenceArray<>(started.size());
    graph = started;
    runSpan.updateName("run " + simpleName(event.pipeline()));
    runSpan.setAttribute(TaskwireAttributes.PIPELINE, event.pipeline());
    runSpan.setAttribute(TaskwireAttributes.TASKS, (long) event.tasks());
  }

  @Override
  public void runFinished(RunEvent event) {
    RuntimeException failure = event.failure();
    runSpan.setAttribute(TaskwireAttributes.OUTCOME, outcomeOf(failure));
    if (failure != null) {
      runSpan.recordException(failure);
      runSpan.setStatus(StatusCode.ERROR, failure.getMessage());
    }
    runSpan.end();
  }

  @Override
  public void taskStarted(TaskEvent event) {
    TaskGraph graph = this.graph;
    Attempt attempt = startAttempt(event);
    Context parentOfTask = run;
    if (event.isElement()) {
      Attempt task = tasks.get(event.index());
      if (task != null && task.span != null) {
        parentOfTask = run.with(task.span);
      }
    }
    String name = graph.name(event.index());
    SpanBuilder builder =
        tracer
            .spanBuilder(name)
            .setParent(parentOfTask)
            .setAttribute(TaskwireAttributes.PIPELINE, event.pipeline())
            .setAttribute(TaskwireAttributes.TASK, name)
            .setAttribute(TaskwireAttributes.ATTEMPT, (long) event.attempt());
    if (event.isElement()) {
      builder.setAttribute(TaskwireAttributes.ELEMENT, (long) event.element());
    } else {
      for (int prerequisite : graph.dependencyIndices(event.index())) {
        SpanContext done = latest.get(prerequisite);
        if (done != null) { // null for a result a resumed run reused
          builder.addLink(done, PREREQUISITE);
        }
      }
    }
    if (attempt.previous != null) {
      builder.addLink(attempt.previous, PREVIOUS_ATTEMPT);
    }
    attempt.span = builder.startSpan();
    if (!event.isElement()) {
      latest.set(event.index(), attempt.span.getSpanContext());
    }
  }

  @Override
  public void taskLookedUp(TaskEvent event, StoreDecision decision) {
    Span span = spanOf(attempt(event));
    if (span != null) {
      span.setAttribute(TaskwireAttributes.RESULT_STORE, decision.words());
    }
  }

  @Override
  public void taskSucceeded(TaskEvent event) {
    Span span = spanOf(endAttempt(event));
    if (span != null) {
      span.setAttribute(TaskwireAttributes.OUTCOME, "succeeded");
      span.setAttribute(TaskwireAttributes.CACHE_HIT, event.fromStore());
      span.end();
    }
  }

  @Override
  public void taskFailed(TaskEvent event) {
    Span span = spanOf(endAttempt(event));
    if (span == null) { // the executor refused its hand-off: no attempt started, but it failed
      span = tracer.spanBuilder(graph.name(event.index())).setParent(run).startSpan();
    }
    failed(span, "failed", event.error());
    span.end();
  }

  @Override
  public void taskRetried(TaskEvent event) {
    Attempt attempt = attempt(event);
    Span span = spanOf(attempt);
    if (span != null) {
      failed(span, "retried", event.error());
      span.end();
      attempt.previous = span.getSpanContext();
      attempt.span = null;
    }
  }

  @Override
  public void taskCancelled(TaskEvent event) {
    Span span = spanOf(endAttempt(event));
    if (span != null) {
      span.setAttribute(TaskwireAttributes.OUTCOME, "cancelled");
      span.end();
    }
  }

  @Override
  public void taskSkipped(TaskEvent event) {
    endAttempt(event);
    if (!event.isElement()) {
      runSpan.addEvent("task skipped", Attributes.of(TaskwireAttributes.TASK, event.task()));
    }
  }

  private static Span spanOf(Attempt attempt) {
    return attempt == null ? null : attempt.span;
  }

  private static void failed(Span span, String outcome, Throwable error) {
    span.setAttribute(TaskwireAttributes.OUTCOME, outcome);
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    } else {
      span.setStatus(StatusCode.ERROR);
    }
  }

  private static String outcomeOf(RuntimeException failure) {
    return failure == null
        ? "succeeded"
        : failure instanceof CancellationException ? "cancelled" : "failed";
  }

  private static String simpleName(String pipeline) {
    return pipeline.substring(pipeline.lastIndexOf('.') + 1);
  }

  @Override
  public String toString() {
    return "taskwire's OpenTelemetry spans of a run";
  }
}
