package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;

/** Array results: multi-dimensional, of primitives, of generics; arrays are covariant. */
class ArrayResults {
  @Task String[][] grid() { return new String[][] {{"a", "b"}, {"c"}}; }

  @Task int[] numbers() { return new int[] {1, 2, 3}; }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Task List<String>[] lists() { return new List[] {List.of("x")}; }

  @Task String summary(
      @DependsOn("grid") Object[][] grid,
      @DependsOn("numbers") int[] numbers,
      @DependsOn("lists") List<String>[] lists) {
    return grid.length + ":" + numbers.length + ":" + lists[0].get(0);
  }
}
