package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class GenericResults {
  @Task List<String> names() { return List.of("a", "b"); }

  @Task String title() { return "report"; }

  @Task ArrayList<String> copies() { return new ArrayList<>(List.of("c")); }

  @Task Map<String, List<Integer>> scores() { return Map.of("a", List.of(1)); }

  @Task String report(
      @DependsOn("names") List<String> names,
      @DependsOn("title") CharSequence title,
      @DependsOn("copies") List<String> copies,
      @DependsOn("scores") Map<String, ? extends List<Integer>> scores) {
    return title + ":" + names + copies + scores;
  }
}
