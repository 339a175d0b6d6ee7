package dev.taskwire.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taskwire.runtime.ChildJvm;
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
    String output = ChildJvm.run(Child.class, "-Xlog:jfr*=warning", option);
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
