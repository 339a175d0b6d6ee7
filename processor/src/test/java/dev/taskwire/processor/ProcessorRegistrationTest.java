package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/**
 * How build tools find the processor, read from the processor's own classes (its jar's content):
 * javac through the service file, and Gradle's incremental compilation through {@code
 * META-INF/gradle/incremental.annotation.processors}, which must declare it aggregating (README,
 * Setup): it writes one service file listing the {@code @Distributed} pipelines of a compilation.
 */
class ProcessorRegistrationTest {
  private static final String GRADLE = "META-INF/gradle/incremental.annotation.processors";
  private static final String JAVAC = "META-INF/services/javax.annotation.processing.Processor";

  @Test
  void gradleIsToldTheProcessorIsAggregating() throws IOException {
    assertThat(lines(GRADLE)).containsExactly("dev.taskwire.processor.TaskProcessor,aggregating");
  }

  /** The class Gradle is told about is the processor javac runs. */
  @Test
  void theProcessorGradleIsToldAboutIsTheOneJavacFinds() throws Exception {
    String processor = lines(GRADLE).get(0).split(",")[0];
    assertThat(lines(JAVAC)).containsExactly(processor);
    assertThat(Processor.class.isAssignableFrom(Class.forName(processor))).isTrue();
  }

  /**
   * The non-blank lines of resource {@code name} of the processor's own classes (target/classes, or
   * its jar), not of another jar on the test class path.
   */
  private static List<String> lines(String name) throws IOException {
    URL classes = TaskProcessor.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader own = new URLClassLoader(new URL[] {classes}, null);
        InputStream in = own.getResourceAsStream(name)) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
  }
}
