package test;

import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;

class RawFuture {
  @SuppressWarnings("rawtypes")
  @Task
  CompletableFuture fetch() { return CompletableFuture.completedFuture("page"); }
}
