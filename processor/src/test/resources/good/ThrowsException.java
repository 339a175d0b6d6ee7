package test;

import dev.taskwire.Task;
import java.io.IOException;

class ThrowsException {
  @Task String read() throws IOException { return "ok"; }

  @Task String parse() throws Exception { return "ok"; }

  @Task String check() { return "ok"; }
}
