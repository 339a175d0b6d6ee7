package dev.taskwire.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.FailurePolicy;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.store.FileResultStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spans of runs, exported by the real SDK to memory: their parents, links, attributes and
 * status, for the AutoML sample's graph, a retry, a failure, a fan-out and a cancellation.
 */
@Timeout(60)
class TaskwireTracingTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
    sdk.close();
  }

  private RunOptions options() {
    return RunOptions.defaults().executor(pool).propagate(TaskwireTracing.create(sdk));
  }

  /** Runs {@code body} inside a span "request", as a service handling a request would. */
  private SpanData insideARequest(Runnable body) {
    Span request = sdk.getTracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      body.run();
    } finally {
      request.end();
    }
    return only(span -> span.getName().equals("request"));
  }

  private SpanData only(Predicate<SpanData> which) {
    List<SpanData> found = exporter.getFinishedSpanItems().stream().filter(which).toList();
    assertEquals(1, found.size(), () -> "one span, of " + exporter.getFinishedSpanItems());
    return found.get(0);
  }

  private SpanData named(String name) {
    return only(span -> span.getName().equals(name));
  }

  private static <T> T attribute(SpanData span, AttributeKey<T> key) {
    return span.getAttributes().get(key);
  }

  /** The span ids {@code span} links to, with the link's reason. */
  private static Map<String, String> links(SpanData span) {
    return span.getLinks().stream()
        .collect(
            Collectors.toMap(
                link -> link.getSpanContext().getSpanId(),
                link -> link.getAttributes().get(TaskwireAttributes.LINK)));
  }

  private static String id(SpanData span) {
    return span.getSpanContext().getSpanId();
  }

  @RepeatedTest(3)
  void theAutoMlGraphIsOneRunSpanWithATaskSpanPerTaskLinkedToItsPrerequisites() throws Exception {
    AutoMlPipeline pipeline = new AutoMlPipeline();
    SpanData request = insideARequest(() -> new AutoMlPipelineRunner(pipeline, options()).run());

    SpanData run = named("run AutoMlPipeline");
    assertEquals(id(request), run.getParentSpanId());
    assertEquals(request.getTraceId(), run.getTraceId());
    assertEquals(
        AutoMlPipeline.class.getCanonicalName(), attribute(run, TaskwireAttributes.PIPELINE));
    assertEquals(4L, attribute(run, TaskwireAttributes.TASKS));
    assertEquals("succeeded", attribute(run, TaskwireAttributes.OUTCOME));
    assertEquals(StatusCode.UNSET, run.getStatus().getStatusCode());

    SpanData uploadTrain = named("uploadTrain");
    SpanData uploadTest = named("uploadTest");
    SpanData train = named("train");
    SpanData predict = named("predict");
    for (SpanData task : List.of(uploadTrain, uploadTest, train, predict)) {
      assertEquals(id(run), task.getParentSpanId(), task.getName());
      assertEquals(run.getTraceId(), task.getTraceId());
      assertEquals(task.getName(), attribute(task, TaskwireAttributes.TASK));
      assertEquals(1L, attribute(task, TaskwireAttributes.ATTEMPT));
      assertEquals("succeeded", attribute(task, TaskwireAttributes.OUTCOME));
      assertEquals(false, attribute(task, TaskwireAttributes.CACHE_HIT));
      assertEquals(
          id(task),
          pipeline.currentSpans.get(task.getName()),
          "Span.current() inside " + task.getName() + " is its span");
    }
    assertEquals(Map.of(), links(uploadTrain));
    assertEquals(
        Map.of(id(uploadTrain), "prerequisite", id(uploadTest), "prerequisite"), links(train));
    assertEquals(Map.of(id(train), "prerequisite", id(uploadTest), "prerequisite"), links(predict));
    assertEquals(6, exporter.getFinishedSpanItems().size(), "request, run and four tasks");
    assertEquals(List.of(false, false), spanLeftOnThePool(), "no span stays on a pool thread");
  }

  /** Whether each of the pool's two threads still has a valid span current. */
  private List<Boolean> spanLeftOnThePool() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    List<Boolean> left = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 2; i++) {
      pool.execute(
          () -> {
            left.add(Span.current().getSpanContext().isValid());
            both.countDown();
            try {
              both.await(); // so that each of the two threads takes one probe
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    assertTrue(both.await(30, TimeUnit.SECONDS));
    return left;
  }

  @Test
  void aRetryLinksToTheAttemptBeforeAFailureIsAnErrorAndASkippedTaskAnEvent() {
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () ->
                new FlakyPipelineRunner(
                        new FlakyPipeline(), options().onFailure(FailurePolicy.KEEP_GOING))
                    .run());

    List<SpanData> flaky =
        exporter.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals("flaky"))
            .sorted(
                (a, b) ->
                    Long.compare(
                        attribute(a, TaskwireAttributes.ATTEMPT),
                        attribute(b, TaskwireAttributes.ATTEMPT)))
            .toList();
    assertEquals(2, flaky.size());
    SpanData first = flaky.get(0);
    SpanData second = flaky.get(1);
    assertEquals("retried", attribute(first, TaskwireAttributes.OUTCOME));
    assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
    assertEquals("the first attempt fails", exceptionMessage(first));
    assertEquals(2L, attribute(second, TaskwireAttributes.ATTEMPT));
    assertEquals("succeeded", attribute(second, TaskwireAttributes.OUTCOME));
    assertEquals(Map.of(id(first), "previous attempt"), links(second));

    SpanData broken = named("broken");
    assertEquals("failed", attribute(broken, TaskwireAttributes.OUTCOME));
    assertEquals(StatusCode.ERROR, broken.getStatus().getStatusCode());
    assertEquals("no model for ok", exceptionMessage(broken));
    assertEquals(Map.of(id(second), "prerequisite"), links(broken));

    SpanData run = named("run FlakyPipeline");
    assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
    assertEquals("failed", attribute(run, TaskwireAttributes.OUTCOME));
    assertEquals(failure.getMessage(), exceptionMessage(run));
    assertTrue(
        exporter.getFinishedSpanItems().stream().noneMatch(span -> span.getName().equals("never")));
    assertEquals(
        List.of("never"),
        run.getEvents().stream()
            .filter(event -> event.getName().equals("task skipped"))
            .map(event -> event.getAttributes().get(TaskwireAttributes.TASK))
            .toList());

    // The fan-out: one span for the task, a child span per element.
    SpanData score =
        only(
            span ->
                span.getName().equals("score")
                    && attribute(span, TaskwireAttributes.ELEMENT) == null);
    assertEquals(id(run), score.getParentSpanId());
    List<SpanData> elements =
        exporter.getFinishedSpanItems().stream()
            .filter(span -> attribute(span, TaskwireAttributes.ELEMENT) != null)
            .toList();
    assertEquals(
        Set.of(0L, 1L, 2L),
        elements.stream()
            .map(span -> attribute(span, TaskwireAttributes.ELEMENT))
            .collect(Collectors.toSet()));
    for (SpanData element : elements) {
      assertEquals("score", element.getName());
      assertEquals(id(score), element.getParentSpanId());
      assertEquals("succeeded", attribute(element, TaskwireAttributes.OUTCOME));
    }
  }

  private static String exceptionMessage(SpanData span) {
    return span.getEvents().stream()
        .filter(event -> event.getName().equals("exception"))
        .map(EventData::getAttributes)
        .map(attributes -> attributes.get(AttributeKey.stringKey("exception.message")))
        .findFirst()
        .orElse(null);
  }

  /** With a result store, each task's span says whether its result came from it, and why not. */
  @Test
  void taskSpansSayWhatTheResultStoreDecided(@TempDir Path store) {
    RunOptions options = options().resultStore(FileResultStore.in(store));
    new AutoMlPipelineRunner(new AutoMlPipeline(), options).run();
    assertEquals("no entry", attribute(named("train"), TaskwireAttributes.RESULT_STORE));
    exporter.reset();

    new AutoMlPipelineRunner(new AutoMlPipeline(), options).run();
    SpanData train = named("train");
    assertEquals("hit", attribute(train, TaskwireAttributes.RESULT_STORE));
    assertEquals(true, attribute(train, TaskwireAttributes.CACHE_HIT));
  }

  @Test
  void aCancelledRunEndsItsTaskAndRunSpansAsCancelled() throws Exception {
    WaitingPipeline pipeline = new WaitingPipeline();
    WaitingPipelineRunner.Execution execution =
        new WaitingPipelineRunner(pipeline, options()).start();
    assertTrue(pipeline.started.await(30, TimeUnit.SECONDS));
    assertTrue(execution.cancel());
    assertThrows(CancellationException.class, execution::await);

    SpanData waiting = named("waiting");
    assertEquals("cancelled", attribute(waiting, TaskwireAttributes.OUTCOME));
    SpanData run = named("run WaitingPipeline");
    assertEquals("cancelled", attribute(run, TaskwireAttributes.OUTCOME));
    assertEquals(id(run), waiting.getParentSpanId());
  }

  @Test
  void withTheNoOpApiARunRunsAsWithout() {
    AutoMlPipeline pipeline = new AutoMlPipeline();
    String predicted =
        new AutoMlPipelineRunner(
                pipeline,
                RunOptions.defaults()
                    .executor(pool)
                    .propagate(TaskwireTracing.create(OpenTelemetry.noop())))
            .run()
            .predict();
    assertEquals("model of train.csv on test.csv", predicted);
    assertFalse(pipeline.currentSpans.isEmpty());
    assertTrue(
        pipeline.currentSpans.values().stream()
            .allMatch(spanId -> spanId.equals(SpanContext.getInvalid().getSpanId())));
    assertTrue(exporter.getFinishedSpanItems().isEmpty());
  }

  /** A run its sampler leaves out makes no span, hears no event, and keeps the caller's trace. */
  @Test
  void aRunTheSamplerLeavesOutMakesNoSpansButCarriesTheTrace() {
    try (OpenTelemetrySdk sampledOut =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setSampler(Sampler.alwaysOff())
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build()) {
      AutoMlPipeline pipeline = new AutoMlPipeline();
      Span request = sampledOut.getTracer("test").spanBuilder("request").startSpan();
      try (Scope ignored = request.makeCurrent()) {
        new AutoMlPipelineRunner(
                pipeline,
                RunOptions.defaults().executor(pool).propagate(TaskwireTracing.create(sampledOut)))
            .run();
      } finally {
        request.end();
      }
      assertTrue(exporter.getFinishedSpanItems().isEmpty());
      assertEquals(
          Set.of(request.getSpanContext().getTraceId()),
          Set.copyOf(pipeline.currentTraces.values()),
          "inside each task, the caller's (unsampled) trace is current");
      assertEquals(1, Set.copyOf(pipeline.currentSpans.values()).size(), "the run's, for all");
    }
  }

  /** A real SDK whose exporter or processor misbehaves, for the tests below. */
  private static OpenTelemetrySdk sdkWith(SpanProcessor processor) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(processor).build())
        .build();
  }

  private static SpanExporter exporter(
      Function<Collection<SpanData>, CompletableResultCode> export) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return export.apply(spans);
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  private String predictionWith(OpenTelemetrySdk broken) {
    return new AutoMlPipelineRunner(
            new AutoMlPipeline(),
            RunOptions.defaults().executor(pool).propagate(TaskwireTracing.create(broken)))
        .run()
        .predict();
  }

  /** With a batch processor, as in production, a blocked exporter holds up no task. */
  @Test
  void anExporterThatBlocksHoldsUpNoRun() throws Exception {
    CountDownLatch exporting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (OpenTelemetrySdk blocked =
        sdkWith(
            BatchSpanProcessor.builder(
                    exporter(
                        spans -> {
                          exporting.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return CompletableResultCode.ofSuccess();
                        }))
                .setScheduleDelay(Duration.ofMillis(1))
                .setMaxExportBatchSize(1)
                .build())) {
      assertEquals("model of train.csv on test.csv", predictionWith(blocked));
      assertTrue(exporting.await(30, TimeUnit.SECONDS), "the exporter was called");
      // It is still blocked, and a second run does not wait for it either.
      assertEquals("model of train.csv on test.csv", predictionWith(blocked));
      release.countDown();
    }
  }

  /** An exporter or a span processor that throws costs the run nothing. */
  @Test
  void anExporterOrProcessorThatThrowsChangesNothing() {
    try (OpenTelemetrySdk failing =
        sdkWith(
            SimpleSpanProcessor.create(
                exporter(
                    spans -> {
                      throw new IllegalStateException("collector down");
                    })))) {
      assertEquals("model of train.csv on test.csv", predictionWith(failing));
    }
    SpanProcessor throwing =
        new SpanProcessor() {
          @Override
          public void onStart(io.opentelemetry.context.Context parent, ReadWriteSpan span) {
            throw new IllegalStateException("broken processor");
          }

          @Override
          public boolean isStartRequired() {
            return true;
          }

          @Override
          public void onEnd(ReadableSpan span) {}

          @Override
          public boolean isEndRequired() {
            return false;
          }
        };
    try (OpenTelemetrySdk broken = sdkWith(throwing)) {
      assertEquals("model of train.csv on test.csv", predictionWith(broken));
    }
  }
}
