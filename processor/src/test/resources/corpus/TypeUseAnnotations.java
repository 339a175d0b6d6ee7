package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.lang.annotation.ElementType;
import java.lang.annotation.Target;
import java.util.List;

/** Type-use annotations on results and parameters. */
class TypeUseAnnotations {
  @Target(ElementType.TYPE_USE)
  @interface Nullable {}

  @Task @Nullable String maybe() { return null; }

  @Task List<@Nullable String> items() { return List.of("a"); }

  @Task String join(
      @DependsOn("maybe") @Nullable String maybe,
      @DependsOn("items") List<@Nullable String> items) {
    return maybe + items;
  }
}
