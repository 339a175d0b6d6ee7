package dev.taskwire.runtime.internal;

import dev.taskwire.runtime.PipelineException;
import dev.taskwire.runtime.RunOptions;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.TaskKind;
import dev.taskwire.runtime.TaskPolicy;
import java.util.ArrayList;
import java.util.List;

/** Builds a graph and its task bodies by hand, as a generated runner would, for scheduler tests. */
public final class TestPipeline {
  /** One task's code; it reads its prerequisites' results from the run, as generated code does. */
  @FunctionalInterface
  public interface Body {
    Object call(PipelineRun run) throws Throwable;
  }

  /** One element's call of a fan-out task. */
  @FunctionalInterface
  public interface ElementBody {
    Object call(Object element, PipelineRun run) throws Throwable;
  }

  private final GraphBuilder builder = GraphTable.builder("test.Pipeline");
  private final List<Body> bodies = new ArrayList<>();
  private final List<ElementBody> elementBodies = new ArrayList<>();
  private TaskGraph graph;

  public TestPipeline task(String name, TaskKind kind, Body body, String... dependencies) {
    builder.task(name, kind, dependencies);
    bodies.add(body);
    elementBodies.add(null);
    graph = null;
    return this;
  }

  /** A fan-out task: {@code body} runs once per element of {@code source}'s result. */
  public TestPipeline forEach(
      String name,
      TaskKind kind,
      String source,
      int maxConcurrency,
      ElementBody body,
      String... dependencies) {
    task(
        name,
        kind,
        run -> {
          throw new AssertionError("a fan-out task is called per element");
        },
        dependencies);
    builder.forEach(source, maxConcurrency);
    elementBodies.set(elementBodies.size() - 1, body);
    return this;
  }

  /** Lets the task added last run on the failure of these dependencies too. */
  public TestPipeline acceptingFailureOf(String... dependencies) {
    builder.acceptingFailureOf(dependencies);
    graph = null;
    return this;
  }

  /** Lets the task added last take the outcome of each element of these fan-out tasks. */
  public TestPipeline acceptingElementOutcomesOf(String... fanOuts) {
    builder.acceptingElementOutcomesOf(fanOuts);
    graph = null;
    return this;
  }

  /** Declares what the task added last returns, as a generated graph does. */
  public TestPipeline returning(Class<?> type, String... holds) {
    builder.returning(type, holds);
    graph = null;
    return this;
  }

  /** Lets the task added last take a permit of shared limit {@code name} for each call. */
  public TestPipeline limit(String name) {
    builder.limit(name);
    graph = null;
    return this;
  }

  /** Gives the task added last the fingerprint of its code, as the processor does. */
  public TestPipeline code(String fingerprint) {
    builder.code(fingerprint);
    graph = null;
    return this;
  }

  /** Gives the task added last a timeout or retries. */
  public TestPipeline policy(TaskPolicy policy) {
    builder.with(policy);
    graph = null;
    return this;
  }

  public TestPipeline value(String name, Body body, String... dependencies) {
    return task(name, TaskKind.VALUE, body, dependencies);
  }

  public TestPipeline async(String name, Body body, String... dependencies) {
    return task(name, TaskKind.ASYNC, body, dependencies);
  }

  public PipelineRun start(RunOptions options) {
    return RunTemplate.of(graph(), invoker(), options).start();
  }

  /** Like the generated {@code run()}: blocks, and the calling thread runs tasks too. */
  public PipelineRun run(RunOptions options) {
    return RunTemplate.of(graph(), invoker(), options).run();
  }

  public PipelineRun run() {
    return run(RunOptions.defaults());
  }

  /** Runs only the named targets and what they depend on. */
  public PipelineRun runOnly(RunOptions options, String... targets) {
    int[] indices = java.util.Arrays.stream(targets).mapToInt(graph()::indexOf).toArray();
    return RunTemplate.of(graph(), invoker(), options).runOnly(null, null, indices);
  }

  public PipelineRun resume(PipelineException failure, RunOptions options) {
    return RunTemplate.of(graph(), invoker(), options).resume(null, failure);
  }

  /** The graph, built once, so that runs can be matched to it. */
  public TaskGraph graph() {
    if (graph == null) {
      graph = builder.build();
    }
    return graph;
  }

  public TaskInvoker invoker() {
    List<Body> calls = List.copyOf(bodies);
    List<ElementBody> elementCalls = new ArrayList<>(elementBodies);
    return TaskInvoker.withElements(
        (task, run) -> calls.get(task).call(run),
        (task, element, run) -> elementCalls.get(task).call(element, run));
  }

  public PipelineRun start() {
    return start(RunOptions.defaults());
  }
}
