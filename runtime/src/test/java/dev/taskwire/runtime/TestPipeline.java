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

  private final TaskGraph.Builder builder = TaskGraph.builder("test.Pipeline");
  private final List<Body> bodies = new ArrayList<>();
  private TaskGraph graph;

  TestPipeline task(String name, TaskKind kind, Body body, String... dependencies) {
    builder.task(name, kind, dependencies);
    bodies.add(body);
    graph = null;
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
    return PipelineRun.start(graph(), invoker(), options);
  }

  /** Like the generated {@code run()}: blocks, and the calling thread runs tasks too. */
  PipelineRun run(RunOptions options) {
    return PipelineRun.run(graph(), invoker(), options);
  }

  PipelineRun run() {
    return run(RunOptions.defaults());
  }

  /** The graph, built once, so that runs can be matched to it. */
  TaskGraph graph() {
    if (graph == null) {
      graph = builder.build();
    }
    return graph;
  }

  private TaskInvoker invoker() {
    List<Body> calls = List.copyOf(bodies);
    return (task, run) -> calls.get(task).call(run);
  }

  PipelineRun start() {
    return start(RunOptions.defaults());
  }
}
