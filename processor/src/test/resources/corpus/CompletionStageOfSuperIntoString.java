package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The result of CompletionStage<? super String> is Object, which a String cannot accept. */
class CompletionStageOfSuperIntoString {
  @Task CompletionStage<? super String> some() { return CompletableFuture.completedFuture("s"); }

  @Task int length(
      @DependsOn("some") String some) { return some.length(); }
}
