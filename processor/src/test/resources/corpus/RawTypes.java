package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.util.List;

/** A raw result type, received as the raw type and as a parameterized one. */
@SuppressWarnings({"rawtypes", "unchecked"})
class RawTypes {
  @Task List raw() { return List.of("a", "b"); }

  @Task int size(@DependsOn("raw") List list) { return list.size(); }

  @Task String first(@DependsOn("raw") List<String> strings) { return strings.get(0); }
}
