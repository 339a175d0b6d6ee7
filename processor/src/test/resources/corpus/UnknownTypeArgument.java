package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A type that never exists, deep inside an async task's result type. */
class UnknownTypeArgument {
  @Task
  CompletableFuture<List<NoSuchItem>> load() { return null; }

  @Task int count(@DependsOn("load") List<?> items) { return items.size(); }
}
