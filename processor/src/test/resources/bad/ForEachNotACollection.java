package test;

import dev.taskwire.ForEach;
import dev.taskwire.Task;

class ForEachNotACollection {
  @Task String grid() { return "a,b"; }

  @Task String train(
      @ForEach("grid") String params) {
    return params;
  }
}
