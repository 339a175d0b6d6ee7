package corpus;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;

/** Outer.Mid.Inner gets Outer_Mid_InnerRunner; Outer.Mid is a pipeline of its own. */
class NestedTwoLevelsDeep {
  static class Mid {
    @Task String mid() { return "mid"; }

    static class Inner {
      @Task String hello() { return "hello"; }

      @Task int length(@DependsOn("hello") String hello) { return hello.length(); }
    }
  }
}
