package dev.taskwire.runtime;

import java.util.ArrayList;
import java.util.List;

/** Builds a graph and its task bodies by hand, as a generated runner would, for scheduler tests. */
final class TestPipeline {
  /** One task's code; it reads its prerequisites' results from the run, as generated code does. */
  @FunctionalInterface
  interface Body {
    Object call(PipelineRun run) throws Throwable;
  }

  /** One element's call of a fan-out task. */
  @FunctionalInterface
  interface ElementBody {
    Object call(Object element, PipelineRun run) throws Throwable;
  }

  private final TaskGraph.Builder builder = TaskGraph.builder("test.Pipeline");
  private final List<Body> bodies = new ArrayList<>();
  private final List<ElementBody> elementBodies = new ArrayList<>();
  private TaskGraph graph;

  TestPipeline task(String name, TaskKind kind, Body body, String... dependencies) {
    builder.task(name, kind, dependencies);
    bodies.add(body);
    elementBodies.add(null);
    graph = null;
    return this;
  }

  /** A fan-out task: {@code body} runs once per element of {@code source}'s result. */
  TestPipeline forEach(
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
  TestPipeline acceptingFailureOf(String... dependencies) {
    builder.acceptingFailureOf(dependencies);
    graph = null;
    return this;
  }

  /** Gives the task added last a timeout or retries. */
  TestPipeline policy(TaskPolicy policy) {
    builder.with(policy);
    graph = null;
    return this;
  }

  TestPipeline value(String name, Body body, String... dependencies) {
    return task(name, TaskKind.VALUE, body, dependencies);
  }

  TestPipeline async(String name, Body body, String... dependencies) {
    return task(name, TaskKind.ASYNC, body, dependencies);
  }

  PipelineRun start(RunOptions options) {
    return RunTemplate.of(graph(), invoker(), options).start();
  }

  /** Like the generated {@code run()}: blocks, and the calling thread runs tasks too. */
  PipelineRun run(RunOptions options) {
    return RunTemplate.of(graph(), invoker(), options).run();
  }

  PipelineRun run() {
    return run(RunOptions.defaults());
  }

  /** Runs only the named targets and what they depend on. */
  PipelineRun runOnly(RunOptions options, String... targets) {
    int[] indices = java.util.Arrays.stream(targets).mapToInt(graph()::indexOf).toArray();
    return RunTemplate.of(graph(), invoker(), options).run(indices);
  }

  PipelineRun resume(PipelineException failure, RunOptions options) {
    return RunTemplate.of(graph(), invoker(), options).resume(failure);
  }

  /** The graph, built once, so that runs can be matched to it. */
  TaskGraph graph() {
    if (graph == null) {
      graph = builder.build();
    }
    return graph;
  }

  TaskInvoker invoker() {
    List<Body> calls = List.copyOf(bodies);
    List<ElementBody> elementCalls = new ArrayList<>(elementBodies);
    return TaskInvoker.withElements(
        (task, run) -> calls.get(task).call(run),
        (task, element, run) -> elementCalls.get(task).call(element, run));
  }

  PipelineRun start() {
    return start(RunOptions.defaults());
  }
}
