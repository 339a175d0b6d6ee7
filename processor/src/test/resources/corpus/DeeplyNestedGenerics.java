package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Deeply nested generic results, sync and async, received with wildcards. */
class DeeplyNestedGenerics {
  @Task Map<String, List<Map<Integer, Set<String>>>> index() {
    return Map.of("a", List.of(Map.of(1, Set.of("x"))));
  }

  @Task CompletableFuture<Map<String, List<Map<Integer, Set<String>>>>> asyncIndex() {
    return CompletableFuture.completedFuture(Map.of("b", List.of(Map.of(2, Set.of("y")))));
  }

  @Task String lookup(
      @DependsOn("index")
          Map<String, ? extends List<? extends Map<Integer, ? extends Set<String>>>> index,
      @DependsOn("asyncIndex") Map<String, List<Map<Integer, Set<String>>>> asyncIndex) {
    return index.get("a").get(0).get(1) + "" + asyncIndex.get("b").get(0).get(2);
  }
}
