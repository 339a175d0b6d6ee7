package dev.taskwire.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime class that generated code names, in one place: no writer spells a runtime class or
 * package itself. When a runtime class moves to another package, this class is the one edit.
 */
final class RuntimeNames {
  private static final String RUNTIME = "dev.taskwire.runtime";
  private static final String INTERNAL = "dev.taskwire.runtime.internal";
  private static final String REMOTE = "dev.taskwire.runtime.remote";

  static final ClassName GRAPH_BUILDER = ClassName.get(INTERNAL, "GraphBuilder");
  static final ClassName GRAPH_TABLE = ClassName.get(INTERNAL, "GraphTable");
  static final ClassName FAILURE_POLICY = ClassName.get(RUNTIME, "FailurePolicy");
  static final ClassName OUTCOME = ClassName.get(RUNTIME, "Outcome");
  static final ClassName PIPELINE_EXCEPTION = ClassName.get(RUNTIME, "PipelineException");
  static final ClassName PIPELINE_RUN = ClassName.get(INTERNAL, "PipelineRun");
  static final ClassName PRIMITIVE_ARGUMENTS = ClassName.get(INTERNAL, "PrimitiveArguments");
  static final ClassName REMOTE_TASKS = ClassName.get(REMOTE, "RemoteTasks");
  static final ClassName RUN_OPTIONS = ClassName.get(RUNTIME, "RunOptions");
  static final ClassName RUN_TEMPLATE = ClassName.get(INTERNAL, "RunTemplate");
  static final ClassName RUN_TEMPLATES = ClassName.get(INTERNAL, "RunTemplates");
  static final ClassName SUPPLIED_VALUES = ClassName.get(INTERNAL, "SuppliedValues");
  static final ClassName TASK_GRAPH = ClassName.get(RUNTIME, "TaskGraph");
  static final ClassName TASK_INVOKER = ClassName.get(INTERNAL, "TaskInvoker");
  static final ClassName TASK_KIND = ClassName.get(RUNTIME, "TaskKind");
  static final ClassName TASK_POLICY = ClassName.get(RUNTIME, "TaskPolicy");

  private RuntimeNames() {}
}
