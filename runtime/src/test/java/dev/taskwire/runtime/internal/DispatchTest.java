package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.ContextPropagator;
import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskEvent;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskListener;
import dev.taskwire.runtime.TaskPolicy;
import dev.taskwire.runtime.remote.RemoteCall;
import dev.taskwire.runtime.remote.TaskDispatcher;
import dev.taskwire.runtime.remote.WorkerLostException;
import dev.taskwire.runtime.store.LoggedWarnings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Dispatched tasks in the scheduler, with an in-memory dispatcher: a run with a dispatcher sends
 * them there and waits without a thread, a run without one calls them here, and a lost worker
 * re-runs the task as a retried attempt that does not use up the task's retries.
 */
class DispatchTest {
  /** source (local) -> doubled (dispatched); doubled's body is 2 * source. */
  private static TaskGraph graph(TaskPolicy doubledPolicy) {
    return GraphTable.builder("test.Dispatching")
        .fingerprint("f1")
        .task("source", TaskKind.VALUE)
        .task("doubled", TaskKind.VALUE, "source")
        .dispatched()
        .with(doubledPolicy)
        .build();
  }

  /** What a generated runner does for these two tasks. */
  private static final TaskInvoker INVOKER =
      (task, run) ->
          switch (task) {
            case 0 -> 21;
            case 1 ->
                run.isDispatching()
                    ? run.dispatch(1, "the pipeline", new Object[] {run.<Integer>value(0)})
                    : 2 * run.<Integer>value(0);
            default -> throw new IllegalArgumentException();
          };

  /** Answers each call with the next of {@code answers}, or 2 * argument once they run out. */
  private static final class FakeDispatcher implements TaskDispatcher {
    final List<RemoteCall> calls = new CopyOnWriteArrayList<>();
    final List<Function<RemoteCall, CompletionStage<Object>>> answers;
    final int reruns;

    @SafeVarargs
    FakeDispatcher(int reruns, Function<RemoteCall, CompletionStage<Object>>... answers) {
      this.reruns = reruns;
      this.answers = new ArrayList<>(List.of(answers));
    }

    @Override
    public CompletionStage<Object> dispatch(RemoteCall call) {
      calls.add(call);
      return calls.size() <= answers.size()
          ? answers.get(calls.size() - 1).apply(call)
          : CompletableFuture.completedFuture(2 * (Integer) call.arguments()[0]);
    }

    @Override
    public int rerunsWhenWorkerLost() {
      return reruns;
    }
  }

  private static CompletionStage<Object> lost(RemoteCall call) {
    return CompletableFuture.failedFuture(new WorkerLostException("lost", null));
  }

  @Test
  void withoutADispatcherTheTaskRunsHere() {
    PipelineRun run =
        RunTemplate.of(graph(TaskPolicy.none()), INVOKER, RunOptions.defaults()).run();
    assertFalse(run.isDispatching());
    assertEquals(42, run.<Integer>value(1));
  }

  @Test
  void aDispatcherGetsTheCallAndTheRunWaitsForItsStageWithoutAThread() {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    FakeDispatcher dispatcher = new FakeDispatcher(3, call -> answer);
    PipelineRun run =
        RunTemplate.of(
                graph(TaskPolicy.none()), INVOKER, RunOptions.defaults().dispatcher(dispatcher))
            .start();
    CompletableFuture<Integer> doubled = run.future(1);
    while (dispatcher.calls.isEmpty()) {
      Thread.onSpinWait();
    }
    RemoteCall call = dispatcher.calls.get(0);
    assertEquals("test.Dispatching", call.pipeline());
    assertEquals("f1", call.fingerprint());
    assertEquals("doubled", call.task());
    assertEquals(1, call.attempt());
    assertEquals("the pipeline", call.instance());
    assertEquals(List.of(21), List.of(call.arguments()));
    assertFalse(doubled.isDone());

    answer.complete(42);
    run.await();
    assertEquals(42, doubled.join());
  }

  /** Carries a request id per task call, and sends it with a dispatched task as "request". */
  private static class RequestPropagator implements ContextPropagator, ContextPropagator.Remote {
    static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Override
    public Snapshot capture() {
      String request = CURRENT.get();
      return new Snapshot() {
        @Override
        public Scope restore() {
          return restore((TaskEvent) null);
        }

        @Override
        public Scope restore(TaskEvent call) {
          String before = CURRENT.get();
          CURRENT.set(call == null ? request : request + "/" + call.task() + "#" + call.attempt());
          return () -> CURRENT.set(before);
        }
      };
    }

    @Override
    public void inject(Map<String, String> fields) {
      fields.put("request", CURRENT.get());
    }

    @Override
    public Scope restore(Map<String, String> fields, String pipeline, String task, int attempt) {
      throw new AssertionError("only a worker restores");
    }
  }

  @Test
  void aDispatchedCallCarriesTheRemoteFieldsOfItsTasksContext() {
    FakeDispatcher dispatcher = new FakeDispatcher(3);
    RequestPropagator.CURRENT.set("req-7");
    try {
      RunTemplate.of(
              graph(TaskPolicy.none()),
              INVOKER,
              RunOptions.defaults().dispatcher(dispatcher).propagate(new RequestPropagator()))
          .run();
    } finally {
      RequestPropagator.CURRENT.remove();
    }
    assertEquals(Map.of("request", "req-7/doubled#1"), dispatcher.calls.get(0).context());
  }

  @Test
  void aRemoteThatThrowsIsLoggedAndTheCallGoesWithoutItsFields() {
    FakeDispatcher dispatcher = new FakeDispatcher(3);
    ContextPropagator.Remote broken =
        new RequestPropagator() {
          @Override
          public void inject(Map<String, String> fields) {
            throw new IllegalStateException("no tracer");
          }
        };
    try (LoggedWarnings warnings = new LoggedWarnings()) {
      PipelineRun run =
          RunTemplate.of(
                  graph(TaskPolicy.none()),
                  INVOKER,
                  RunOptions.defaults()
                      .dispatcher(dispatcher)
                      .propagate((ContextPropagator) broken))
              .run();
      assertEquals(42, run.<Integer>value(1));
      assertEquals(1, warnings.logged().size());
    }
    assertEquals(Map.of(), dispatcher.calls.get(0).context());
  }

  @Test
  void aGraphWithoutDispatchedTasksNeverCallsTheDispatcher() {
    FakeDispatcher dispatcher = new FakeDispatcher(3);
    TaskGraph local = GraphTable.builder("test.Local").task("only", TaskKind.VALUE).build();
    PipelineRun run =
        RunTemplate.of(local, (task, r) -> "here", RunOptions.defaults().dispatcher(dispatcher))
            .run();
    assertFalse(run.isDispatching());
    assertEquals("here", run.value(0));
    assertTrue(dispatcher.calls.isEmpty());
  }

  @Test
  void aLostWorkerReRunsTheTaskWithoutUsingItsRetries() {
    RecordingListener listener = new RecordingListener();
    FakeDispatcher dispatcher =
        new FakeDispatcher(
            2,
            DispatchTest::lost,
            DispatchTest::lost,
            call -> CompletableFuture.failedFuture(new IllegalStateException("flaky")));
    PipelineRun run =
        RunTemplate.of(
                graph(
                    TaskPolicy.none()
                        .retries(1)
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(1))),
                INVOKER,
                RunOptions.defaults().dispatcher(dispatcher).listener(listener))
            .run();

    assertEquals(42, run.<Integer>value(1));
    assertEquals(List.of(1, 2, 3, 4), dispatcher.calls.stream().map(RemoteCall::attempt).toList());
    List<Throwable> retried = listener.retriedErrors("doubled");
    assertEquals(3, retried.size());
    assertInstanceOf(WorkerLostException.class, retried.get(0));
    assertInstanceOf(WorkerLostException.class, retried.get(1));
    assertInstanceOf(IllegalStateException.class, retried.get(2));
  }

  @Test
  void aWorkerLostMoreOftenThanAllowedFailsTheTask() {
    FakeDispatcher dispatcher = new FakeDispatcher(1, DispatchTest::lost, DispatchTest::lost);
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () ->
                RunTemplate.of(
                        graph(TaskPolicy.none()),
                        INVOKER,
                        RunOptions.defaults().dispatcher(dispatcher))
                    .run());
    assertEquals("doubled", failure.failedTask());
    assertInstanceOf(WorkerLostException.class, failure.getCause());
    assertEquals(2, dispatcher.calls.size());
  }

  @Test
  void aTimeoutCancelsTheDispatchedStage() {
    CompletableFuture<Object> never = new CompletableFuture<>();
    FakeDispatcher dispatcher = new FakeDispatcher(3, call -> never);
    PipelineException failure =
        assertThrows(
            PipelineException.class,
            () ->
                RunTemplate.of(
                        graph(TaskPolicy.none().timeout(Duration.ofMillis(20))),
                        INVOKER,
                        RunOptions.defaults().dispatcher(dispatcher))
                    .run());
    assertInstanceOf(TimeoutException.class, failure.getCause());
    assertTrue(never.isCancelled());
  }

  @Test
  void theRemoteCallKeepsItsArgumentsAsGiven() {
    Object[] arguments = {1, "two"};
    RemoteCall call = new RemoteCall("p", "f", "t", 1, null, arguments);
    assertSame(arguments, call.arguments());
    assertEquals("RemoteCall{p.t, attempt 1}", call.toString());
  }

  /** Keeps the failures of retried attempts. */
  private static final class RecordingListener implements TaskListener {
    private final List<TaskEvent> retried = new CopyOnWriteArrayList<>();

    @Override
    public void taskRetried(TaskEvent event) {
      retried.add(event);
    }

    List<Throwable> retriedErrors(String task) {
      return retried.stream()
          .filter(event -> event.task().equals(task))
          .map(TaskEvent::error)
          .toList();
    }
  }
}
