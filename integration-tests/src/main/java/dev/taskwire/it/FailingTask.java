package dev.taskwire.it;

import dev.taskwire.DependsOn;
import dev.taskwire.Task;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A sync task that throws a checked exception; the tasks after it must never run. */
public class FailingTask {
  final IOException failure = new IOException("disk full");
  final AtomicBoolean parseRan = new AtomicBoolean();
  final AtomicBoolean reportRan = new AtomicBoolean();

  @Task
  String read() throws IOException {
    throw failure;
  }

  @Task
  String parse(@DependsOn("read") String text) {
    parseRan.set(true);
    return text;
  }

  @Task
  void report(@DependsOn("parse") String parsed) {
    reportRan.set(true);
  }
}
