package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/**
 * A pipeline named like java.util.Objects, which its runner imports, with results named like
 * other types the runner imports (Generated, CompletableFuture, RunOptions, TaskKind).
 */
class Objects {
  static class Generated {}

  static class CompletableFuture {}

  @Task Generated generated() { return new Generated(); }

  @Task CompletableFuture future() { return new CompletableFuture(); }

  @Task RunOptions options() { return new RunOptions(); }

  @Task TaskKind kind() { return new TaskKind(); }

  @Task String all(
      @DependsOn("generated") Generated generated,
      @DependsOn("future") CompletableFuture future,
      @DependsOn("options") RunOptions options,
      @DependsOn("kind") TaskKind kind) {
    return "all";
  }
}
