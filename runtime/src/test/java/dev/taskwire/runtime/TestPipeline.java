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

  private final TaskGraph.Builder graph = TaskGraph.builder("test.Pipeline");
  private final List<Body> bodies = new ArrayList<>();

  TestPipeline task(String name, TaskKind kind, Body body, String... dependencies) {
    graph.task(name, kind, dependencies);
    bodies.add(body);
    return this;
  }

  TestPipeline value(String name, Body body, String... dependencies) {
    return task(name, TaskKind.VALUE, body, dependencies);
  }

  TestPipeline async(String name, Body body, String... dependencies) {
    return task(name, TaskKind.ASYNC, body, dependencies);
  }

  PipelineRun start(RunOptions options) {
    return PipelineRun.start(graph.build(), invoker(), options);
  }

  /** Like the generated {@code run()}: blocks, and the calling thread runs tasks too. */
  PipelineRun run(RunOptions options) {
    return PipelineRun.run(graph.build(), invoker(), options);
  }

  PipelineRun run() {
    return run(RunOptions.defaults());
  }

  private TaskInvoker invoker() {
    List<Body> calls = List.copyOf(bodies);
    return (task, run) -> calls.get(task).call(run);
  }

  PipelineRun start() {
    return start(RunOptions.defaults());
  }
}
