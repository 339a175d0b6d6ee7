package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;
import java.util.Map;

/** Wildcard results and parameters. */
class WildcardTypes {
  @Task List<? extends Number> numbers() { return List.of(1, 2.5); }

  @Task Map<?, ?> anything() { return Map.of("k", 1); }

  @Task List<? super Integer> sink() { return new java.util.ArrayList<Number>(List.of(3)); }

  @Task double sum(
      @DependsOn("numbers") List<? extends Number> numbers,
      @DependsOn("anything") Map<?, ?> anything,
      @DependsOn("sink") List<?> sink) {
    return numbers.stream().mapToDouble(Number::doubleValue).sum() + anything.size() + sink.size();
  }
}
