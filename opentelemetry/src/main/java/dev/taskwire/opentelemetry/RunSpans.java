package dev.taskwire.opentelemetry;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.RunEvent;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskListener;
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
 * The spans of one run: the context captured when it started, the run's span, and the span of each
 * attempt in flight. It hears the run's events (as the run's snapshot's listener) and makes the
 * right span current around each call of the run's code.
 */
final class RunSpans implements ContextPropagator.Snapshot, TaskListener {
  private static final Attributes PREREQUISITE =
      Attributes.of(TaskwireAttributes.LINK, "prerequisite");
  private static final Attributes PREVIOUS_ATTEMPT =
      Attributes.of(TaskwireAttributes.LINK, "previous attempt");

  private final Tracer tracer;

  /** What was current on the thread that started the run. */
  private final Context parent;

  /** The run's span once it started; until then the parent's context stands in. */
  private volatile Context run;

  private volatile Span runSpan;

  /** Per whole task (by index): the span of its latest attempt, for its dependents' links. */
  private volatile AtomicReferenceArray<SpanContext> latest;

  /** The attempt in flight of each task or element, by {@link #key}. */
  private final ConcurrentHashMap<Long, Attempt> attempts = new ConcurrentHashMap<>();

  private volatile TaskGraph graph;

  RunSpans(Tracer tracer, Context parent) {
    this.tracer = tracer;
    this.parent = parent;
    this.run = parent;
  }

  /** A task's or element's current attempt, and the span of the one before it. */
  private static final class Attempt {
    Span span;
    SpanContext previous;
  }

  private static long key(int task, int element) {
    return ((long) task << 32) | (element & 0xFFFF_FFFFL);
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
    Attempt attempt = attempts.get(key(call.index(), call.element()));
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
    graph = event.graph();
    latest = new AtomicReferenceArray<>(graph.size());
    Span span =
        tracer
            .spanBuilder("run " + simpleName(event.pipeline()))
            .setParent(parent)
            .setAttribute(TaskwireAttributes.PIPELINE, event.pipeline())
            .setAttribute(TaskwireAttributes.TASKS, (long) event.tasks())
            .startSpan();
    runSpan = span;
    run = parent.with(span);
  }

  @Override
  public void runFinished(RunEvent event) {
    Span span = runSpan;
    RuntimeException failure = event.failure();
    span.setAttribute(TaskwireAttributes.OUTCOME, outcomeOf(failure));
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getMessage());
    }
    span.end();
  }

  @Override
  public void taskStarted(TaskEvent event) {
    Attempt attempt =
        attempts.computeIfAbsent(key(event.index(), event.element()), key -> new Attempt());
    Context parentOfTask = run;
    if (event.isElement()) {
      Attempt task = attempts.get(key(event.index(), -1));
      if (task != null && task.span != null) {
        parentOfTask = run.with(task.span);
      }
    }
    SpanBuilder builder =
        tracer
            .spanBuilder(graph.name(event.index()))
            .setParent(parentOfTask)
            .setAttribute(TaskwireAttributes.PIPELINE, event.pipeline())
            .setAttribute(TaskwireAttributes.TASK, graph.name(event.index()))
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
  public void taskSucceeded(TaskEvent event) {
    Span span = end(event);
    if (span != null) {
      span.setAttribute(TaskwireAttributes.OUTCOME, "succeeded");
      span.setAttribute(TaskwireAttributes.CACHE_HIT, event.fromStore());
      span.end();
    }
  }

  @Override
  public void taskFailed(TaskEvent event) {
    Span span = end(event);
    if (span == null) { // the executor refused its hand-off: no attempt started, but it failed
      span = tracer.spanBuilder(graph.name(event.index())).setParent(run).startSpan();
    }
    failed(span, "failed", event.error());
    span.end();
  }

  @Override
  public void taskRetried(TaskEvent event) {
    Attempt attempt = attempts.get(key(event.index(), event.element()));
    Span span = attempt == null ? null : attempt.span;
    if (span != null) {
      failed(span, "retried", event.error());
      span.end();
      attempt.previous = span.getSpanContext();
      attempt.span = null;
    }
  }

  @Override
  public void taskCancelled(TaskEvent event) {
    Span span = end(event);
    if (span != null) {
      span.setAttribute(TaskwireAttributes.OUTCOME, "cancelled");
      span.end();
    }
  }

  @Override
  public void taskSkipped(TaskEvent event) {
    attempts.remove(key(event.index(), event.element()));
    Span span = runSpan;
    if (span != null && !event.isElement()) {
      span.addEvent("task skipped", Attributes.of(TaskwireAttributes.TASK, event.task()));
    }
  }

  /** The span of the attempt that ends with {@code event}, which no longer needs its state. */
  private Span end(TaskEvent event) {
    Attempt attempt = attempts.remove(key(event.index(), event.element()));
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
