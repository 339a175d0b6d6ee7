package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.concurrent.CompletableFuture;

/**
 * This package has its own Exception, Integer, Void, Object, String and IllegalArgumentException,
 * which hide java.lang's from every class in it, the runner included: the runner must write
 * java.lang.Integer for the witness of an int task, java.lang.Object for invoke's result, and so
 * on.
 */
class Pipeline {
  @Task int count() throws java.io.IOException { return 3; }

  @Task CompletableFuture<java.lang.Void> flush() {
    return CompletableFuture.completedFuture(null);
  }

  @Task java.lang.String twice(@DependsOn("count") int count) { return "x" + count * 2; }

  @Task Integer local() { return new Integer(); }

  @Task java.lang.Integer boxed(@DependsOn("count") java.lang.Integer count) { return count + 1; }
}
