package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

record RecordPipeline(int base) {
  @Task int doubled() { return base * 2; }

  @Task int plusOne(@DependsOn("doubled") int doubled) { return doubled + 1; }
}
