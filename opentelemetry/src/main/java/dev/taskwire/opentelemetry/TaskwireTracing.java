package dev.taskwire.opentelemetry;

import dev.taskwire.runtime.ContextPropagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;
import java.util.Objects;

/**
 * Traces taskwire runs with OpenTelemetry: a span per run, a child of the span current on the
 * thread that starts it, and a span per task attempt under it, with the attempt's span current
 * while the task's code runs, so that spans an instrumented client makes inside a task nest under
 * that task. Register it as a propagator:
 *
 * <pre>{@code
 * RunOptions options = RunOptions.defaults().propagate(TaskwireTracing.create(openTelemetry));
 * }</pre>
 *
 * <p>The spans: the run's is named {@code run <Pipeline>}; each attempt's after its task, with
 * {@link TaskwireAttributes} (pipeline, task, attempt, element, outcome, cache hit); an element of
 * a fan-out task is a child of its task's span. A failed attempt records its exception and an error
 * status; a retried attempt's span links to the attempt before it, and a task's span to the spans
 * of its prerequisites, so that the graph shows in the trace. A task that never starts is an event
 * {@code task skipped} on the run's span. A dispatched task carries the attempt's context (by the
 * {@code OpenTelemetry} instance's propagators, W3C {@code traceparent} by default) to the member
 * that runs it, whose span, made by this class there ({@code HazelcastConfigs.propagate}), joins
 * the trace.
 *
 * <p>Spans are ended on the thread that ends the attempt. Export them with a batch span processor
 * in production: with a simple one, an exporter that blocks holds up the thread that ends a span.
 */
public final class TaskwireTracing implements ContextPropagator, ContextPropagator.Remote {
  /** The instrumentation scope of taskwire's spans. */
  public static final String INSTRUMENTATION_NAME = "dev.taskwire";

  private static final TextMapGetter<Map<String, String>> FIELDS =
      new TextMapGetter<>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  private TaskwireTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** Tracing with {@code openTelemetry}'s tracer provider and propagators. */
  public static TaskwireTracing create(OpenTelemetry openTelemetry) {
    return new TaskwireTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * On the thread that starts a run: starts the run's span under the span current here. A run whose
   * span does not record (the no-op API, or a sampler that left it out) gets no task spans and
   * hears no events: only the trace context is carried to its tasks.
   */
  @Override
  @SuppressWarnings("MustBeClosedChecker") // the runtime closes it after the call, on this thread
  public Snapshot capture() {
    Context parent = Context.current();
    Span run = tracer.spanBuilder("taskwire run").setParent(parent).startSpan();
    if (run.isRecording()) {
      return new RunSpans(tracer, parent, run);
    }
    Context unrecorded = parent.with(run);
    return () -> unrecorded.makeCurrent()::close;
  }

  /** On the driver, inside a dispatched attempt's context: its trace context, as fields. */
  @Override
  public void inject(Map<String, String> fields) {
    propagator.inject(Context.current(), fields, Map::put);
  }

  /**
   * On a member: a server span for the dispatched task, a child of the driver's attempt, current
   * until the call returns.
   */
  @Override
  @SuppressWarnings("MustBeClosedChecker") // the runtime closes it after the call, on this thread
  public ContextPropagator.Scope restore(
      Map<String, String> fields, String pipeline, String task, int attempt) {
    Context driver = propagator.extract(Context.root(), fields, FIELDS);
    Span span =
        tracer
            .spanBuilder(task)
            .setParent(driver)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(TaskwireAttributes.PIPELINE, pipeline)
            .setAttribute(TaskwireAttributes.TASK, task)
            .setAttribute(TaskwireAttributes.ATTEMPT, (long) attempt)
            .startSpan();
    io.opentelemetry.context.Scope scope = driver.with(span).makeCurrent();
    return () -> {
      scope.close();
      span.end();
    };
  }

  @Override
  public String toString() {
    return "taskwire's OpenTelemetry tracing";
  }
}
