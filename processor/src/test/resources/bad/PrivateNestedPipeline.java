package test;

import dev.taskwire.Task;

class PrivateNestedPipeline {
  private static class Steps {
    @Task String load() { return "rows"; }
  }
}
