package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** An async task whose result is itself a nested generic type. */
class NestedGenericFuture {
  @Task CompletableFuture<List<Optional<String>>> fetch() {
    return CompletableFuture.completedFuture(List.of(Optional.of("a"), Optional.empty()));
  }

  @Task String first(@DependsOn("fetch") List<Optional<String>> fetched) {
    return fetched.get(0).orElse("none") + fetched.size();
  }
}
