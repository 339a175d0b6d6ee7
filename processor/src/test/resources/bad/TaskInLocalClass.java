package test;

import dev.taskwire.Task;

/**
 * Ideally an error, but javac never shows a local class to annotation processors: see
 * PipelineClassDiagnosticsTest.taskInALocalClassIsInvisibleToTheProcessor.
 */
class TaskInLocalClass {
  String build() {
    class Local {
      @Task String load() { return "rows"; }
    }
    return new Local().load();
  }
}
