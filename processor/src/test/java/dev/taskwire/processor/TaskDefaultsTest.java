package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.taskwire.processor.Sources.compileCleanly;
import static dev.taskwire.processor.Sources.source;

import dev.taskwire.Task;
import dev.taskwire.runtime.TaskPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code @Task} declares the defaults of {@code backoff}, {@code maxBackoff}, {@code retryOn} and
 * {@code oneAttemptAtATime}; the runner leaves out the calls of {@code TaskPolicy} for a task that
 * keeps them, so the runtime's {@code TaskPolicy.none()} must have the same. This test holds them
 * together.
 */
class TaskDefaultsTest {
  @Test
  void taskPolicyHasTheBackoffThatTaskDeclaresAsItsDefault() throws NoSuchMethodException {
    assertWithMessage("TaskPolicy.none().backoff() against @Task(backoff)'s default")
        .that(TaskPolicy.none().backoff())
        .isEqualTo(declaredDefault("backoff"));
    assertWithMessage("TaskPolicy.none().maxBackoff() against @Task(maxBackoff)'s default")
        .that(TaskPolicy.none().maxBackoff())
        .isEqualTo(declaredDefault("maxBackoff"));
  }

  @Test
  void taskPolicyRetriesOnWhatTaskDeclaresAsItsDefault() throws NoSuchMethodException {
    Class<?>[] declared = (Class<?>[]) Task.class.getMethod("retryOn").getDefaultValue();
    assertWithMessage("TaskPolicy.none().retriedExceptions() against @Task(retryOn)'s default")
        .that(TaskPolicy.none().retriedExceptions())
        .containsExactlyElementsIn(declared);
  }

  @Test
  void taskPolicyHasTheOneAttemptAtATimeThatTaskDeclaresAsItsDefault()
      throws NoSuchMethodException {
    assertWithMessage(
            "TaskPolicy.none().oneAttemptAtATime() against @Task(oneAttemptAtATime)'s default")
        .that(TaskPolicy.none().oneAttemptAtATime())
        .isEqualTo(Task.class.getMethod("oneAttemptAtATime").getDefaultValue());
  }

  @Test
  void aTaskThatKeepsTheDefaultBackoffHowEverSpelledGetsNoBackoffCall() {
    String runner = compileCleanly(source("good/DefaultBackoff.java"), "test.DefaultBackoffRunner");
    assertThat(runner)
        .contains(
            ".task(\"kept\", TaskKind.VALUE).returning(String.class)\n"
                + "          .with(TaskPolicy.none()\n"
                + "              .retries(2))");
    assertThat(runner)
        .contains(
            ".task(\"spelledOtherwise\", TaskKind.VALUE).returning(String.class)\n"
                + "          .with(TaskPolicy.none()\n"
                + "              .retries(2))");
    assertThat(runner)
        .contains(
            "              .retries(2)\n"
                + "              .backoff(Duration.ofMillis(100), Duration.ofMinutes(1)))");
  }

  /** The default of {@code @Task}'s {@code member}, parsed as the processor parses it. */
  private static Duration declaredDefault(String member) throws NoSuchMethodException {
    String text = (String) Task.class.getMethod(member).getDefaultValue();
    return DurationSyntax.parse(text)
        .orElseThrow(() -> new AssertionError("@Task's default " + member + " is " + text));
  }
}
