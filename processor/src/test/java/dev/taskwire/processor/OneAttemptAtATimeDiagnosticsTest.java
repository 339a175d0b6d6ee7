package dev.taskwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Task(oneAttemptAtATime = true)} means something only on an async task with a timeout and
 * retries; anywhere else it is an error on the attribute.
 */
class OneAttemptAtATimeDiagnosticsTest {
  private final JavaFileObject file = source("bad/OneAttemptAtATimeMisused.java");
  private final Compilation compilation = compileFailing(file, 5);

  @Test
  void onASyncTask() {
    assertThat(compilation)
        .hadErrorContaining(
            "oneAttemptAtATime applies to async tasks, and task sync returns java.lang.String: a"
                + " sync attempt that times out is interrupted, and its retry starts only once it"
                + " has returned; remove oneAttemptAtATime")
        .inFile(file)
        .onLineContaining("String sync()");
  }

  @Test
  void onAVoidTask() {
    assertThat(compilation)
        .hadErrorContaining(
            "oneAttemptAtATime applies to async tasks, and task voidTask returns void")
        .inFile(file)
        .onLineContaining("void voidTask()");
  }

  @Test
  void withoutATimeout() {
    assertThat(compilation)
        .hadErrorContaining(
            "task noTimeout sets oneAttemptAtATime, which makes a retry wait until a timed-out"
                + " attempt's future has completed, but it has no timeout; give it a timeout and"
                + " retries, or remove oneAttemptAtATime")
        .inFile(file)
        .onLineContaining("noTimeout()");
  }

  @Test
  void withoutRetries() {
    assertThat(compilation)
        .hadErrorContaining(
            "task noRetries sets oneAttemptAtATime, which makes a retry wait until a timed-out"
                + " attempt's future has completed, but it has no retries; give it a timeout and"
                + " retries, or remove oneAttemptAtATime")
        .inFile(file)
        .onLineContaining("noRetries()");
  }

  @Test
  void withNeither() {
    assertThat(compilation)
        .hadErrorContaining(
            "task neither sets oneAttemptAtATime, which makes a retry wait until a timed-out"
                + " attempt's future has completed, but it has no timeout and no retries; give it"
                + " a timeout and retries, or remove oneAttemptAtATime")
        .inFile(file)
        .onLineContaining("neither()");
  }
}
