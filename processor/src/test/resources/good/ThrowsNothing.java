package test;

import dev.taskwire.Task;

class ThrowsNothing {
  @Task String parse() throws IllegalArgumentException { return "ok"; }

  @Task String check() throws AssertionError { return "ok"; }
}
