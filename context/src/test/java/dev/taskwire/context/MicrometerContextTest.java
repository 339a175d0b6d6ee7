package dev.taskwire.context;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.taskwire.runtime.RunOptions;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A request id in SLF4J's MDC (read back through Logback, a real backend) and a tenant in a plain
 * {@code ThreadLocal} follow every kind of task of a generated runner, through {@link
 * MicrometerContext}, and leave no trace on the pool's threads.
 */
@Timeout(60)
class MicrometerContextTest {
  /** Keeps each event's MDC as it was on the thread that logged it. */
  private static final class Recorded extends ListAppender<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      super.append(event);
    }
  }

  private final Recorded recorded = new Recorded();
  private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingPipeline.class);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ContextRegistry registry =
      new ContextRegistry()
          .registerThreadLocalAccessor(new Slf4jThreadLocalAccessor())
          .registerThreadLocalAccessor("tenant", LoggingPipeline.TENANT);

  @BeforeEach
  void record() {
    recorded.start();
    logger.addAppender(recorded);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(recorded);
    pool.shutdownNow();
    MDC.clear();
    LoggingPipeline.TENANT.remove();
  }

  /** Each log line's message and the request id in its MDC. */
  private Map<String, String> requestIds() {
    Map<String, String> ids = new TreeMap<>();
    for (ILoggingEvent event : recorded.list) {
      ids.put(event.getFormattedMessage(), event.getMDCPropertyMap().get("requestId"));
    }
    return ids;
  }

  @RepeatedTest(5)
  void everyKindOfTaskLogsWithTheCallersRequestIdAndTenant() throws Exception {
    LoggingPipeline pipeline = new LoggingPipeline();
    MDC.put("requestId", "req-42");
    LoggingPipeline.TENANT.set("acme");
    LoggingPipelineRunner.Execution execution =
        new LoggingPipelineRunner(
                pipeline,
                RunOptions.defaults()
                    .executor(pool)
                    .propagate(MicrometerContext.propagator(registry)))
            .start();
    MDC.clear();
    LoggingPipeline.TENANT.remove();
    assertTrue(pipeline.uploadCalled.await(30, SECONDS));
    Thread client = new Thread(() -> pipeline.reply.complete("dataset"), "http-client");
    client.start();
    client.join();
    LoggingPipelineRunner.Results results = execution.await();
    assertEquals("model of dataset", results.train());

    List<String> lines =
        List.of(
            "flaky attempt 1",
            "flaky attempt 2",
            "load",
            "score[1]",
            "score[2]",
            "score[3]",
            "train",
            "upload");
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> tenants = new TreeMap<>();
    for (String line : lines) {
      expected.put(line, "req-42");
      tenants.put(line, "acme");
    }
    assertEquals(expected, requestIds());
    assertEquals(tenants, new TreeMap<>(pipeline.tenants));
    assertEquals(List.of("{}", "{}"), leftOnThePool());
  }

  /** A pooled thread's own MDC is hidden from the task, and is its own again afterwards. */
  @Test
  void aPooledThreadsOwnMdcIsClearedForTheTaskAndPutBackAfter() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      one.submit(() -> MDC.put("leftover", "from an earlier job")).get();
      MDC.put("requestId", "req-7");
      LoggingPipeline pipeline = new LoggingPipeline();
      pipeline.reply.complete("dataset");
      new LoggingPipelineRunner(
              pipeline,
              RunOptions.defaults().executor(one).propagate(MicrometerContext.propagator(registry)))
          .run();
      for (ILoggingEvent event : recorded.list) {
        assertEquals(
            Map.of("requestId", "req-7"), event.getMDCPropertyMap(), event.getFormattedMessage());
      }
      assertEquals(
          Map.of("leftover", "from an earlier job"),
          one.submit(() -> MDC.getCopyOfContextMap()).get());
    } finally {
      one.shutdownNow();
    }
  }

  /** What each of the pool's two threads has in its MDC now. */
  private List<String> leftOnThePool() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    List<String> left = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 2; i++) {
      pool.execute(
          () -> {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            left.add(String.valueOf(mdc == null ? Map.of() : mdc));
            both.countDown();
            try {
              both.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    assertTrue(both.await(30, SECONDS));
    return left;
  }
}
