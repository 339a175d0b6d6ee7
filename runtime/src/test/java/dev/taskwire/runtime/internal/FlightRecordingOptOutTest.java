package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A recording started with the JVM records taskwire's events unless its options leave them out, as
 * the README shows: {@code -XX:StartFlightRecording:+taskwire.TaskAttempt#enabled=false,
 * +taskwire.Run#enabled=false}; then a run pays only the check. Started in a JVM of its own, since
 * that is where such options go.
 */
@Timeout(120)
class FlightRecordingOptOutTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-XX:StartFlightRecording | true",
        "-XX:StartFlightRecording:+taskwire.TaskAttempt#enabled=false,"
            + "+taskwire.Run#enabled=false | false",
        "-XX:StartFlightRecording:+taskwire.TaskAttempt#enabled=false | true",
      })
  void aRecordingTakesTaskwiresEventsUnlessItsOptionsLeaveThemOut(String option, boolean recorded)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xlog:jfr*=warning",
                option,
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                Child.class.getName())
            .redirectErrorStream(true)
            .start();
    String output;
    try {
      output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      child.destroyForcibly();
    }
    assertEquals(0, child.waitFor(), output);
    assertTrue(output.endsWith("recording: " + recorded + "\n"), output);
  }

  /** Prints whether a run made now would record taskwire's events. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) {
      System.out.print("recording: " + FlightEvents.recording() + "\n");
      System.out.flush();
    }
  }
}
