package test;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

class Primitives {
  @Task int answer() { return 42; }

  @Task Integer boxed() { return 7; }

  @Task int[] numbers() { return new int[] {1, 2, 3}; }

  @Task String[][] grid() { return new String[][] {{"a"}}; }

  @Task long widen(
      @DependsOn("answer") int asInt,
      @DependsOn("answer") Integer asInteger,
      @DependsOn("answer") long asLong,
      @DependsOn("answer") Object asObject,
      @DependsOn("boxed") int unboxed) {
    return asInt + asInteger + asLong + asObject.hashCode() + unboxed;
  }

  @Task int sum(@DependsOn("numbers") int[] numbers, @DependsOn("grid") Object[] grid) {
    return numbers.length + grid.length;
  }
}
