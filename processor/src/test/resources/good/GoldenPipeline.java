package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One task of each kind: the expected runner is in expected/GoldenPipelineRunner.java. */
class GoldenPipeline {
  @Task(timeout = "30s", retries = 2, backoff = "250ms", maxBackoff = "2m",
      retryOn = IOException.class, limit = "downloads")
  CompletableFuture<List<String>> fetch() {
    return CompletableFuture.completedFuture(List.of("a", "bb"));
  }

  @Task(timeout = "1500ms") static int limit() { return 10; }

  @Task String join(@DependsOn("fetch") List<String> lines, @DependsOn int limit)
      throws IOException {
    return String.join(",", lines.subList(0, Math.min(limit, lines.size())));
  }

  @Task void log(@DependsOn("join") CharSequence join) {}
}
