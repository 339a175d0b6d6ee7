package dev.taskwire.runtime.trace;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.internal.PipelineRun;
import dev.taskwire.runtime.internal.TestPipeline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real runs, recorded: what the trace says must agree with what the scheduler promises. */
@Timeout(30)
class TraceRecorderTest {
  @RepeatedTest(20)
  void aDiamondIsRecordedInCausalOrder() {
    TraceRecorder recorder = new TraceRecorder();
    TestPipeline pipeline =
        new TestPipeline()
            .value("top", r -> 1)
            .value("left", r -> 2, "top")
            .async("right", r -> CompletableFuture.supplyAsync(() -> 3), "top")
            .value("bottom", r -> 4, "left", "right");
    pipeline.run(RunOptions.defaults().listener(recorder));

    Trace trace = recorder.trace();
    assertSame(pipeline.graph(), trace.graph());
    assertEquals(TaskSpan.Ending.SUCCEEDED, trace.ending());
    for (TaskSpan span : trace.tasks()) {
      assertEquals(TaskSpan.Ending.SUCCEEDED, span.ending(), span.toString());
      assertEquals(1, span.attempts().size(), span.toString());
      assertEquals(1, span.attempts().get(0).number());
      assertTrue(span.startNanos() >= 0 && span.startNanos() <= span.endNanos(), span.toString());
      assertTrue(span.endNanos() <= trace.durationNanos(), span + " ends after the run");
      assertFalse(span.thread().isEmpty());
      for (String prerequisite : trace.graph().dependencies(span.task())) {
        assertTrue(
            trace.task(prerequisite).endNanos() <= span.startNanos(),
            span.task() + " started before " + prerequisite + " ended");
      }
    }
    assertEquals("top", trace.criticalPath().tasks().get(0));
    assertEquals("bottom", trace.criticalPath().tasks().get(2));
  }

  @Test
  void retriesAreAttemptsOfOneTask() {
    AtomicInteger calls = new AtomicInteger();
    TraceRecorder recorder = new TraceRecorder();
    new TestPipeline()
        .value(
            "flaky",
            r -> {
              if (calls.incrementAndGet() < 3) {
                throw new IOException("try " + calls.get());
              }
              return "ok";
            })
        .policy(TaskPolicy.none().retries(3).backoff(Duration.ofMillis(1), Duration.ofMillis(4)))
        .run(RunOptions.defaults().listener(recorder));

    TaskSpan flaky = recorder.trace().task("flaky");
    assertEquals(TaskSpan.Ending.SUCCEEDED, flaky.ending());
    assertEquals(2, flaky.retries());
    List<TaskSpan.Attempt> attempts = flaky.attempts();
    assertEquals(List.of(1, 2, 3), attempts.stream().map(TaskSpan.Attempt::number).toList());
    assertEquals("java.io.IOException: try 1", attempts.get(0).failure());
    assertEquals("java.io.IOException: try 2", attempts.get(1).failure());
    assertEquals(null, attempts.get(2).failure());
    assertTrue(attempts.get(0).endNanos() <= attempts.get(1).startNanos(), "the backoff is a gap");
  }

  @RepeatedTest(5)
  void aFailureEndsItsTaskAndSkipsItsDependents() {
    TraceRecorder recorder = new TraceRecorder();
    TestPipeline pipeline =
        new TestPipeline()
            .value(
                "upload",
                r -> {
                  throw new IllegalStateException("refused");
                })
            .value("train", r -> 1, "upload");
    assertThrows(
        PipelineException.class, () -> pipeline.run(RunOptions.defaults().listener(recorder)));

    Trace trace = recorder.trace();
    assertEquals(TaskSpan.Ending.FAILED, trace.ending());
    assertEquals(TaskSpan.Ending.FAILED, trace.task("upload").ending());
    assertEquals(
        "java.lang.IllegalStateException: refused",
        trace.task("upload").attempts().get(0).failure());
    assertEquals(new TaskSpan("train", TaskSpan.Ending.SKIPPED, List.of()), trace.task("train"));
  }

  @RepeatedTest(5)
  void aCancelledRunIsRecordedAsCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> reply = new CompletableFuture<>();
    TraceRecorder recorder = new TraceRecorder();
    PipelineRun run =
        new TestPipeline()
            .async(
                "remote",
                r -> {
                  started.countDown();
                  return reply;
                })
            .value("after", r -> 1, "remote")
            .start(RunOptions.defaults().listener(recorder));
    assertTrue(started.await(10, SECONDS));
    run.cancel();
    assertThrows(CancellationException.class, run::await);

    Trace trace = recorder.trace();
    assertEquals(TaskSpan.Ending.CANCELLED, trace.ending());
    assertEquals(TaskSpan.Ending.CANCELLED, trace.task("remote").ending());
    assertTrue(trace.task("remote").ran());
    assertEquals(TaskSpan.Ending.SKIPPED, trace.task("after").ending());
  }

  @Test
  void eachRunReplacesTheLastTrace() {
    TraceRecorder recorder = new TraceRecorder();
    RunOptions options = RunOptions.defaults().listener(recorder);
    new TestPipeline().value("first", r -> 1).run(options);
    new TestPipeline().value("second", r -> 2).run(options);
    assertEquals(List.of("second"), recorder.trace().graph().taskNames());
  }

  @Test
  void aTraceKeepsItsRunWhenReadAfterTheNextRun() {
    TraceRecorder recorder = new TraceRecorder();
    RunOptions options = RunOptions.defaults().listener(recorder);
    new TestPipeline().value("first", r -> 1).value("then", r -> 2, "first").run(options);
    Trace first = recorder.trace();
    assertThrows(
        PipelineException.class,
        () ->
            new TestPipeline()
                .value(
                    "first",
                    r -> {
                      throw new IllegalStateException("second run");
                    })
                .value("then", r -> 2, "first")
                .run(options));

    // the first trace's spans are made only now, from its own run's recording
    assertEquals(TaskSpan.Ending.SUCCEEDED, first.task("first").ending());
    assertEquals(null, first.task("first").attempts().get(0).failure());
    assertEquals(TaskSpan.Ending.SUCCEEDED, first.task("then").ending());
    assertEquals(TaskSpan.Ending.FAILED, recorder.trace().task("first").ending());
    assertEquals(TaskSpan.Ending.SKIPPED, recorder.trace().task("then").ending());
  }

  @RepeatedTest(20)
  void threadsThatReadATraceAtOnceSeeOneCompleteListOfSpans() throws Exception {
    TraceRecorder recorder = new TraceRecorder();
    TestPipeline pipeline = new TestPipeline().value("t0", r -> 0);
    for (int task = 1; task < 50; task++) {
      pipeline.value("t" + task, r -> 1, "t" + (task - 1) / 2);
    }
    pipeline.run(RunOptions.defaults().listener(recorder));
    Trace trace = recorder.trace();

    int readers = 4;
    CountDownLatch ready = new CountDownLatch(readers);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<List<TaskSpan>>> reads = new ArrayList<>();
    for (int reader = 0; reader < readers; reader++) {
      reads.add(
          CompletableFuture.supplyAsync(
              () -> {
                ready.countDown();
                try {
                  go.await();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                return trace.tasks();
              },
              runnable -> new Thread(runnable).start()));
    }
    assertTrue(ready.await(10, SECONDS));
    go.countDown();
    List<TaskSpan> spans = reads.get(0).get(10, SECONDS);
    for (CompletableFuture<List<TaskSpan>> read : reads) {
      assertSame(spans, read.get(10, SECONDS), "every reader gets the one list");
    }
    assertSame(spans, trace.tasks());
    assertEquals(pipeline.graph().taskNames(), spans.stream().map(TaskSpan::task).toList());
    for (TaskSpan span : spans) {
      assertEquals(TaskSpan.Ending.SUCCEEDED, span.ending(), span.toString());
      assertEquals(1, span.attempts().size(), span.toString());
      assertFalse(span.thread().isEmpty());
    }
    assertThrows(UnsupportedOperationException.class, () -> spans.remove(0));
  }

  @Test
  void aRecordedTraceSaysWhatItHoldsBeforeItsSpansAreRead() {
    TraceRecorder recorder = new TraceRecorder();
    new TestPipeline()
        .value("a", r -> 1)
        .value("b", r -> 2)
        .run(RunOptions.defaults().listener(recorder));
    Trace trace = recorder.trace();
    assertTrue(trace.toString().endsWith(", 2 tasks}"), trace.toString());
    assertEquals(2, trace.tasks().size());
  }

  @Test
  void beforeAnyRunThereIsNoTrace() {
    IllegalStateException error =
        assertThrows(IllegalStateException.class, new TraceRecorder()::trace);
    assertEquals("no run recorded by this TraceRecorder has finished yet", error.getMessage());
  }
}
