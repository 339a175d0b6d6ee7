package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CompletionStage<? super String> promises only some supertype of String: its result is Object,
 * and CompletionStage<? extends CharSequence> gives CharSequence.
 */
class CompletionStageOfSuper {
  @Task CompletionStage<? super String> some() { return CompletableFuture.completedFuture("s"); }

  @Task CompletionStage<? extends CharSequence> chars() {
    return CompletableFuture.completedFuture(new StringBuilder("sb"));
  }

  @Task String both(
      @DependsOn("some") Object some,
      @DependsOn("chars") CharSequence chars) {
    return some + "/" + chars;
  }
}
