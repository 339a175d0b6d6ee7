package dev.taskwire.samples;

import dev.taskwire.opentelemetry.TaskwireAttributes;
import dev.taskwire.opentelemetry.TaskwireTracing;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code --otel}: traces the run with OpenTelemetry's SDK, exporting its spans in batches over OTLP
 * to {@code OTEL_EXPORTER_OTLP_ENDPOINT} when that is set (a collector, Jaeger, Tempo), else with
 * the logging exporter; and prints the span tree once the run is over.
 */
final class SampleTracing implements AutoCloseable {
  private final List<SpanData> finished = new CopyOnWriteArrayList<>();
  private final OpenTelemetrySdk sdk;
  private final String exportedTo;

  private SampleTracing(SpanExporter exporter, String exportedTo) {
    this.exportedTo = exportedTo;
    this.sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                    .addSpanProcessor(SimpleSpanProcessor.create(new Collecting()))
                    .build())
            .build();
  }

  static SampleTracing start() {
    String endpoint = System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (endpoint == null || endpoint.isBlank()) {
      return new SampleTracing(LoggingSpanExporter.create(), "the logging exporter (stderr)");
    }
    return new SampleTracing(
        OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build(),
        "OTLP at " + endpoint);
  }

  TaskwireTracing tracing() {
    return TaskwireTracing.create(sdk);
  }

  String exportedTo() {
    return exportedTo;
  }

  /** Flushes the exporter and stops the SDK. */
  @Override
  public void close() {
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    sdk.close();
  }

  /** The spans, one per line, each under its parent; links shown as "after ...". */
  void printTree(PrintStream out) {
    Map<String, List<SpanData>> children =
        finished.stream().collect(Collectors.groupingBy(SpanData::getParentSpanId));
    Set<String> ids = finished.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    for (SpanData root : finished) {
      if (!ids.contains(root.getParentSpanId())) {
        print(root, children, "", out);
      }
    }
  }

  private void print(
      SpanData span, Map<String, List<SpanData>> children, String indent, PrintStream out) {
    Map<String, String> names =
        finished.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName));
    StringBuilder line = new StringBuilder(indent).append(span.getName());
    Long element = span.getAttributes().get(TaskwireAttributes.ELEMENT);
    if (element != null) {
      line.append('[').append(element).append(']');
    }
    Long attempt = span.getAttributes().get(TaskwireAttributes.ATTEMPT);
    if (attempt != null && attempt > 1) {
      line.append(" (attempt ").append(attempt).append(')');
    }
    line.append(
        String.format(
            " %,d ms", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000));
    String outcome = span.getAttributes().get(TaskwireAttributes.OUTCOME);
    if (outcome != null && !outcome.equals("succeeded")) {
      line.append(", ").append(outcome);
    }
    if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
      line.append(": ").append(span.getStatus().getDescription());
    }
    List<String> after = new ArrayList<>();
    span.getLinks()
        .forEach(link -> after.add(names.getOrDefault(link.getSpanContext().getSpanId(), "?")));
    if (!after.isEmpty()) {
      line.append("  (after ").append(String.join(", ", after)).append(')');
    }
    out.println(line);
    List<SpanData> under = new ArrayList<>(children.getOrDefault(span.getSpanId(), List.of()));
    under.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    for (SpanData child : under) {
      print(child, children, indent + "  ", out);
    }
  }

  /** Keeps every finished span for the tree. */
  private final class Collecting implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      finished.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
