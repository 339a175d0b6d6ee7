package dev.taskwire.hazelcast;

import dev.taskwire.Distributed;
import dev.taskwire.Task;
import io.opentelemetry.api.trace.Span;

/** A task dispatched to a member; it answers with the trace and span current there. */
@Distributed
public class TracedPipeline {
  @Task
  static String whereAmI() {
    return Span.current().getSpanContext().getTraceId()
        + "/"
        + Span.current().getSpanContext().getSpanId();
  }
}
