package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/** Dispatched tasks that take the outcome of each element of a fan-out, as sent to a worker. */
@Distributed
class DistributedElementOutcomes implements Serializable {
  private static final long serialVersionUID = 1L;

  @Task static List<Integer> numbers() {
    return List.of(1, 2, 4);
  }

  @Task static int inverse(@ForEach("numbers") int number) {
    if (number == 2) {
      throw new ArithmeticException("not two");
    }
    return 100 / number;
  }

  @Task static String summary(@DependsOn("inverse") List<Outcome<Integer>> inverses) {
    return describe(inverses);
  }

  @Task static String bounded(@DependsOn("inverse") List<Outcome<? extends Number>> inverses) {
    return describe(inverses);
  }

  private static String describe(List<? extends Outcome<?>> outcomes) {
    return outcomes.stream()
        .map(outcome -> outcome.isSuccess() ? "" + outcome.value() : outcome.failure().getMessage())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
