package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.Outcome;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Dependents that take the outcome of each element of a fan-out, and List<Outcome<X>> parameters
 * that take a result whole: from a task that is no fan-out, and from a fan-out whose elements are
 * Outcomes themselves.
 */
class ElementOutcomes {
  @Task List<String> names() {
    return List.of("a", "bb", "ccc");
  }

  @Task int length(@ForEach("names") String name) {
    if (name.equals("bb")) {
      throw new IllegalArgumentException("no bb");
    }
    return name.length();
  }

  @Task String lengths(@DependsOn("length") List<Outcome<Integer>> lengths) {
    return describe(lengths);
  }

  @Task String numbers(
      @DependsOn("length") List<Outcome<? extends Number>> numbers,
      @DependsOn("length") Outcome<List<Integer>> whole) {
    return describe(numbers) + " " + whole.isSuccess();
  }

  @Task List<Outcome<String>> checks() {
    return List.of(Outcome.success("ok"), Outcome.failure(new IllegalStateException("bad")));
  }

  @Task String checked(@DependsOn("checks") List<Outcome<String>> checks) {
    return describe(checks);
  }

  @Task Outcome<String> tried(@ForEach("names") String name) {
    return Outcome.success(name.toUpperCase(java.util.Locale.ROOT));
  }

  @Task String triedAll(@DependsOn("tried") List<Outcome<String>> tried) {
    return describe(tried);
  }

  /** A fan-out itself: each of its elements gets the outcomes of all of length's. */
  @Task String relabel(
      @ForEach("names") String name, @DependsOn("length") List<Outcome<Integer>> lengths) {
    return name + lengths.stream().filter(Outcome::isSuccess).count();
  }

  private static String describe(List<? extends Outcome<?>> outcomes) {
    return outcomes.stream()
        .map(outcome -> outcome.isSuccess() ? "" + outcome.value() : outcome.failure().getMessage())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
