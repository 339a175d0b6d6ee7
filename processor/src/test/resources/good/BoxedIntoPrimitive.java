package test;

import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import java.util.List;

/** Boxed results into primitive parameters, unboxed and widened as javac would. */
class BoxedIntoPrimitive {
  @Task Character letter() { return 'a'; }

  @Task Byte small() { return (byte) 5; }

  @Task Integer count() { return 3; }

  @Task Boolean flag() { return true; }

  @Task List<Character> letters() { return List.of('a', 'b'); }

  @Task String all(
      @DependsOn("letter") long code,
      @DependsOn("small") short widened,
      @DependsOn("count") double real,
      @DependsOn("count") float single,
      @DependsOn("letter") char same,
      @DependsOn("flag") boolean yes) {
    return code + "," + widened + "," + real + "," + single + "," + same + "," + yes;
  }

  @Task int code(@ForEach("letters") int letter) { return letter; }
}
