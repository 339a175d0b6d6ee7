package dev.taskwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a test's main class in a JVM of its own, for settings a JVM takes only when it starts (a
 * serial filter, a flight recording), so that they reach no other test.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code main} on this JVM's class path with {@code options}, quick to start (C1 only, the
   * serial collector); returns what it printed, stdout and stderr together, once it exited with 0.
   */
  public static String run(Class<?> main, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(List.of(options));
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(main.getName());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try {
      output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      child.destroyForcibly();
    }
    assertEquals(0, child.waitFor(), output);
    return output;
  }
}
