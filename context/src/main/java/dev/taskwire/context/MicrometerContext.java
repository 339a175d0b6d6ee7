package dev.taskwire.context;

import dev.taskwire.runtime.ContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Objects;

/**
 * A {@link ContextPropagator} for every {@code ThreadLocalAccessor} registered with Micrometer's
 * context-propagation library: SLF4J's MDC ({@code Slf4jThreadLocalAccessor}), OpenTelemetry's
 * context, Micrometer's observations, and any {@code ThreadLocal} of your own.
 *
 * <pre>{@code
 * ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
 * new PipelineRunner(pipeline, RunOptions.defaults().propagate(MicrometerContext.propagator())).run();
 * }</pre>
 *
 * <p>A value the starting thread did not have is cleared on the task's thread while the task runs
 * (as {@code clearMissing} does in context-propagation), so that a pooled thread's own leftovers do
 * not show in a task; what the thread had is put back after it.
 */
public final class MicrometerContext {
  private MicrometerContext() {}

  /**
   * Propagates what the global {@link ContextRegistry#getInstance()} knows when each run starts.
   */
  public static ContextPropagator propagator() {
    return propagator(ContextRegistry.getInstance());
  }

  /** Propagates what {@code registry} knows when each run starts. */
  public static ContextPropagator propagator(ContextRegistry registry) {
    ContextSnapshotFactory snapshots =
        ContextSnapshotFactory.builder()
            .contextRegistry(Objects.requireNonNull(registry, "registry"))
            .clearMissing(true)
            .build();
    return () -> {
      ContextSnapshot captured = snapshots.captureAll();
      return () -> {
        ContextSnapshot.Scope restored = captured.setThreadLocals();
        return restored::close;
      };
    };
  }
}
