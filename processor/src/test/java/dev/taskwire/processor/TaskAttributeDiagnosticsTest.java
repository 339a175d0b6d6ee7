package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.time.Duration;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Task(timeout, retries, backoff, maxBackoff)}: each bad value is an error on itself. */
class TaskAttributeDiagnosticsTest {
  private final JavaFileObject file = source("bad/TaskAttributes.java");
  private final Compilation compilation = compile(file);

  @Test
  void everyBadAttributeIsReportedOnceAndTheGoodTaskIsNot() {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
  }

  @Test
  void anUnparseableDuration() {
    assertThat(compilation)
        .hadErrorContaining(
            "@Task(timeout = \"30 seconds\") of task unparseable is not a duration; write a whole"
                + " number and a unit (ns, us, ms, s, m, h, d) such as \"30s\" or \"500ms\", or"
                + " ISO-8601 such as \"PT1M30S\"")
        .inFile(file)
        .onLineContaining("\"30 seconds\"");
  }

  @Test
  void aZeroDuration() {
    assertThat(compilation)
        .hadErrorContaining("@Task(timeout = \"0s\") of task zero must be positive")
        .inFile(file)
        .onLineContaining("\"0s\"");
  }

  @Test
  void negativeRetries() {
    assertThat(compilation)
        .hadErrorContaining("@Task(retries = -1) of task negativeRetries must be between 0 and 100")
        .inFile(file)
        .onLineContaining("retries = -1");
  }

  @Test
  void aLimitNameWithASpaceAroundIt() {
    JavaFileObject padded = source("bad/PaddedLimitName.java");
    Compilation failed = Sources.compileFailing(padded, 1);
    assertThat(failed)
        .hadErrorContaining(
            "limit of task train is \"automl \": a limit's name must not be blank or begin or"
                + " end with a space, since RunOptions.limit(name, n) must name it exactly")
        .inFile(padded)
        .onLineContaining("limit = \"automl \"");
  }

  @Test
  void aMaxBackoffBelowTheBackoff() {
    assertThat(compilation)
        .hadErrorContaining(
            "@Task(maxBackoff = \"1s\") of task backoffOrder is shorter than its backoff \"5s\"")
        .inFile(file)
        .onLineContaining("maxBackoff = \"1s\"");
  }

  @Test
  void theDurationSyntax() {
    assertEquals(Optional.of(Duration.ofMillis(500)), DurationSyntax.parse("500ms"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), DurationSyntax.parse(" 30s "));
    assertEquals(Optional.of(Duration.ofMinutes(2)), DurationSyntax.parse("2m"));
    assertEquals(Optional.of(Duration.ofHours(1)), DurationSyntax.parse("1h"));
    assertEquals(Optional.of(Duration.ofDays(1)), DurationSyntax.parse("1d"));
    assertEquals(Optional.of(Duration.ofNanos(7_000)), DurationSyntax.parse("7us"));
    assertEquals(Optional.of(Duration.ofSeconds(90)), DurationSyntax.parse("PT1M30S"));
    assertEquals(Optional.empty(), DurationSyntax.parse("30 seconds"));
    assertEquals(Optional.empty(), DurationSyntax.parse("1.5s"));
    assertEquals(Optional.empty(), DurationSyntax.parse(""));
  }
}
