package dev.taskwire.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime class that generated code names, in one place: no writer spells a runtime class or
 * package itself. When a runtime class moves to another package, this class is the one edit.
 */
final class RuntimeNames {
  private static final String RUNTIME = "dev.taskwire.runtime";

  static final ClassName FAILURE_POLICY = ClassName.get(RUNTIME, "FailurePolicy");
  static final ClassName OUTCOME = ClassName.get(RUNTIME, "Outcome");
  static final ClassName PIPELINE_EXCEPTION = ClassName.get(RUNTIME, "PipelineException");
  static final ClassName PIPELINE_RUN = ClassName.get(RUNTIME, "PipelineRun");
  static final ClassName REMOTE_TASKS = ClassName.get(RUNTIME, "RemoteTasks");
  static final ClassName RUN_OPTIONS = ClassName.get(RUNTIME, "RunOptions");
  static final ClassName RUN_TEMPLATE = ClassName.get(RUNTIME, "RunTemplate");
  static final ClassName TASK_GRAPH = ClassName.get(RUNTIME, "TaskGraph");
  static final ClassName TASK_INVOKER = ClassName.get(RUNTIME, "TaskInvoker");
  static final ClassName TASK_KIND = ClassName.get(RUNTIME, "TaskKind");
  static final ClassName TASK_POLICY = ClassName.get(RUNTIME, "TaskPolicy");

  private RuntimeNames() {}
}
