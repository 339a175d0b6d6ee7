package test;

import dev.taskwire.Task;

/**
 * Ideally an error, but javac never shows an anonymous class to annotation processors: see
 * PipelineClassDiagnosticsTest.taskInAnAnonymousClassIsInvisibleToTheProcessor.
 */
class TaskInAnonymousClass {
  final Object inAField =
      new Object() {
        @Task String load() { return "rows"; }
      };

  String build() {
    return new Object() {
      @Task String load() { return "rows"; }
    }.load();
  }
}
