package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.contents;
import static dev.taskwire.processor.Sources.source;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole runner generated for good/GoldenPipeline.java (a sync, a void, an async, a static and a
 * primitive task), compared as text with expected/GoldenPipelineRunner.java.
 *
 * <p>When a change to the generated code is intended, rewrite the expected file from the actual
 * output, then review it with {@code git diff} like any other change:
 *
 * <pre>
 * flock /tmp/taskwire-mvn.lock mvn -q -B -o -pl processor test \
 *     -Dtest=GoldenRunnerTest -Dtaskwire.updateGolden=true
 * </pre>
 *
 * The file is written to src/test/resources/expected/ resolved from the working directory, which is
 * the module's directory when Maven runs the tests; the comparison reads the copy on the test class
 * path.
 */
class GoldenRunnerTest {
  private static final String RUNNER = "GoldenPipelineRunner";
  private static final Path EXPECTED =
      Path.of("src", "test", "resources", "expected", RUNNER + ".java");

  @Test
  void generatedRunnerMatchesTheGoldenFile() throws IOException {
    Compilation compilation = compile(source("good/GoldenPipeline.java"));
    assertThat(compilation).succeededWithoutWarnings();
    String actual = contents(compilation, "test." + RUNNER);
    if (Boolean.getBoolean("taskwire.updateGolden")) {
      assertWithMessage("%s must be run from the processor module's directory", EXPECTED)
          .that(Files.isDirectory(EXPECTED.getParent()))
          .isTrue();
      Files.writeString(EXPECTED, actual, UTF_8);
      return;
    }
    String expected = source("expected/" + RUNNER + ".java").getCharContent(true).toString();
    assertWithMessage("generated %s (to accept the change, see the class comment)", RUNNER)
        .that(actual)
        .isEqualTo(expected);
  }
}
