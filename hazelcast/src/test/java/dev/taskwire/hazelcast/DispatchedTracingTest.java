package dev.taskwire.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.taskwire.opentelemetry.TaskwireAttributes;
import dev.taskwire.opentelemetry.TaskwireTracing;
import dev.taskwire.runtime.RunOptions;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task dispatched to a member of a loopback Hazelcast cluster: its span on the member is a server
 * span, a child of the driver's attempt span, in the driver's trace, and current inside the task.
 */
@Timeout(120)
class DispatchedTracingTest {
  private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private static final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private static final TaskwireTracing tracing = TaskwireTracing.create(sdk);

  private static HazelcastInstance member;
  private static HazelcastInstance client;

  @BeforeAll
  static void startCluster() {
    String name = "taskwire-DispatchedTracingTest-" + ProcessHandle.current().pid();
    int port = LoopbackConfig.freePort();
    member =
        Hazelcast.newHazelcastInstance(
            HazelcastConfigs.propagate(LoopbackConfig.member(name, port, List.of(port)), tracing));
    client = HazelcastClient.newHazelcastClient(LoopbackConfig.client(name, List.of(port)));
  }

  @AfterAll
  static void stopCluster() {
    client.shutdown();
    member.getLifecycleService().terminate();
    sdk.close();
  }

  @Test
  void theMembersSpanJoinsTheDriversTraceUnderTheAttempt() {
    String whereAmI =
        new TracedPipelineRunner(
                new TracedPipeline(),
                RunOptions.defaults()
                    .dispatcher(HazelcastDispatcher.builder(client).build())
                    .propagate(tracing))
            .run()
            .whereAmI();

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData run =
        spans.stream().filter(span -> span.getName().startsWith("run ")).findFirst().orElseThrow();
    SpanData attempt =
        spans.stream()
            .filter(
                span -> span.getName().equals("whereAmI") && span.getKind() == SpanKind.INTERNAL)
            .findFirst()
            .orElseThrow();
    SpanData onMember =
        spans.stream()
            .filter(span -> span.getName().equals("whereAmI") && span.getKind() == SpanKind.SERVER)
            .findFirst()
            .orElseThrow();
    assertEquals(3, spans.size(), spans::toString);
    assertEquals(run.getSpanId(), attempt.getParentSpanId());
    assertEquals(attempt.getSpanId(), onMember.getParentSpanId());
    assertEquals(run.getTraceId(), onMember.getTraceId());
    assertEquals(
        onMember.getTraceId() + "/" + onMember.getSpanId(),
        whereAmI,
        "the member's span is current inside the task");
    assertEquals(
        TracedPipeline.class.getCanonicalName(),
        onMember.getAttributes().get(TaskwireAttributes.PIPELINE));
  }
}
