package test;

import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

class TwoForEach {
  @Task List<String> models() { return List.of("knn"); }

  @Task List<Integer> seeds() { return List.of(1, 2); }

  @Task String train(@ForEach("models") String model,
      @ForEach("seeds") int seed) {
    return model + seed;
  }
}
