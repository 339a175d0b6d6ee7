package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;

/** List<? extends Number> is not a List<Number>. */
class WildcardTypeMismatch {
  @Task List<? extends Number> numbers() { return List.of(1); }

  @Task int size(
      @DependsOn("numbers") List<Number> numbers) { return numbers.size(); }
}
