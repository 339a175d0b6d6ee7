package dev.taskwire.benchmarks.listener;

import dev.taskwire.benchmarks.Answers;
import dev.taskwire.benchmarks.BenchmarkThreads;
import dev.taskwire.benchmarks.randomdag.RandomDag;
import dev.taskwire.benchmarks.randomdag.RandomDagRunner;
import dev.taskwire.micrometer.TaskwireMetrics;
import dev.taskwire.opentelemetry.TaskwireTracing;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.trace.TraceRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What telemetry costs a run of the random DAG (109 tasks, about 330 events a run), one setting per
 * {@code telemetry} row, against {@code none}: a listener that overrides nothing ({@code noOp}: no
 * event is even made), one that hears each task's start and end and ignores them ({@code
 * startEndNoOp}: the floor of any listener that times tasks, since each of those events carries a
 * reading of the clock), taskwire's {@link TraceRecorder} ({@code traceRecorder}; {@code
 * traceRecorderRead} also reads each run's spans, which the recorder assembles when they are first
 * read), OpenTelemetry tracing on the no-op API ({@code otelNoop}) and on the SDK with a batch span
 * processor whose exporter drops the spans ({@code otelSdk}), JDK Flight Recorder with taskwire's
 * events enabled ({@code jfr}; {@code jfrRuns}: the run events alone), and Micrometer metrics on a
 * {@code SimpleMeterRegistry} ({@code micrometer}). A new runner per run, as a service builds one
 * per request; JMH's {@code -prof gc} gives the bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TelemetryBenchmark {
  @Param("2")
  public int threads;

  @Param({
    "none",
    "noOp",
    "startEndNoOp",
    "traceRecorder",
    "traceRecorderRead",
    "otelNoop",
    "otelSdk",
    "jfr",
    "jfrRuns",
    "micrometer"
  })
  public String telemetry;

  private final RandomDag pipeline = new RandomDag();
  private ExecutorService pool;
  private RunOptions options;
  private TraceRecorder recorder;
  private boolean readTrace;
  private OpenTelemetrySdk sdk;
  private Recording recording;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkThreads.fixedPool(threads);
    recorder = new TraceRecorder();
    readTrace = telemetry.equals("traceRecorderRead");
    RunOptions plain = RunOptions.defaults().executor(pool);
    options =
        switch (telemetry) {
          case "none", "jfr", "jfrRuns" -> plain;
          case "noOp" -> plain.listener(new TaskListener() {});
          case "startEndNoOp" -> plain.listener(new StartEndNoOp());
          case "traceRecorder", "traceRecorderRead" -> plain.listener(recorder);
          case "otelNoop" -> plain.propagate(TaskwireTracing.create(OpenTelemetry.noop()));
          case "otelSdk" -> plain.propagate(TaskwireTracing.create(sdk()));
          case "micrometer" ->
              plain.listener(TaskwireMetrics.of(new SimpleMeterRegistry()).listener());
          default -> throw new IllegalArgumentException(telemetry);
        };
    if (telemetry.startsWith("jfr")) {
      recording = new Recording();
      recording.enable("taskwire.Run");
      if (telemetry.equals("jfr")) {
        recording.enable("taskwire.TaskAttempt");
      } else {
        recording.disable("taskwire.TaskAttempt");
      }
      recording.setMaxSize(64L << 20);
      recording.start();
    }
    Answers.requireAll(
        getClass().getSimpleName(), RandomDag.EXPECTED, Map.of(telemetry, runOnce()));
  }

  /** Hears each task's start and end, as a recorder of spans must, and does nothing with them. */
  private static final class StartEndNoOp implements TaskListener {
    @Override
    public void taskStarted(TaskEvent event) {}

    @Override
    public void taskSucceeded(TaskEvent event) {}
  }

  /** The SDK with a batch processor, as in production, and an exporter that drops every span. */
  private OpenTelemetrySdk sdk() {
    SpanExporter dropping =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
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
        };
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(dropping).build())
                    .build())
            .build();
    return sdk;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (recording != null) {
      recording.close();
    }
    if (sdk != null) {
      sdk.close();
    }
    pool.shutdownNow();
  }

  @Benchmark
  public int run(Blackhole sink) {
    int total = runOnce();
    if (readTrace) {
      sink.consume(recorder.trace().tasks());
    }
    return total;
  }

  private int runOnce() {
    return new RandomDagRunner(pipeline, options).run().total();
  }
}
