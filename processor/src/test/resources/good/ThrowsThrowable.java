package test;

import dev.taskwire.Task;
import java.io.IOException;

class ThrowsThrowable {
  @Task String read() throws IOException { return "ok"; }

  @Task String anything() throws Throwable { return "ok"; }
}
