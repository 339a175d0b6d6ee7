package dev.taskwire.processor;

import static com.google.auto.common.MoreElements.getAnnotationMirror;

import com.google.auto.common.AnnotationMirrors;
import dev.taskwire.Task;
import dev.taskwire.runtime.TaskKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads and checks a task's {@code @Task} attributes. Each bad attribute is an error with the caret
 * on that attribute; the result is empty once one was reported.
 */
final class TaskSettingsReader {
  /** More retries than this is a mistake rather than a policy. */
  static final int MAX_RETRIES = 100;

  private final Diagnostics diagnostics;
  private final TaskSettings.Backoff defaultBackoff;

  TaskSettingsReader(Elements elements, Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    TypeElement task = elements.getTypeElement(Task.class.getCanonicalName());
    this.defaultBackoff =
        new TaskSettings.Backoff(
            declaredDefault(task, "backoff"), declaredDefault(task, "maxBackoff"));
  }

  /**
   * The default that {@code @Task} itself declares for {@code member}: the one source of a default
   * that the runtime's {@code TaskPolicy} must match, which a test in this module checks.
   */
  private static Duration declaredDefault(TypeElement task, String member) {
    String text =
        ElementFilter.methodsIn(task.getEnclosedElements()).stream()
            .filter(attribute -> attribute.getSimpleName().contentEquals(member))
            .map(attribute -> (String) attribute.getDefaultValue().getValue())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("@Task has no " + member + "()"));
    return DurationSyntax.parse(text)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "@Task's default " + member + " \"" + text + "\" is not a duration"));
  }

  /** The settings of task {@code method}, of kind {@code kind}; empty once an error is reported. */
  Optional<TaskSettings> read(ExecutableElement method, TaskKind kind) {
    AnnotationMirror task = getAnnotationMirror(method, Task.class).toJavaUtil().orElseThrow();
    String name = method.getSimpleName().toString();
    boolean valid = true;
    Duration timeout = null;
    String timeoutText = string(task, "timeout");
    if (!timeoutText.isEmpty()) {
      timeout = duration(method, task, "timeout", timeoutText, name);
      valid = timeout != null;
    }
    int retries = (Integer) AnnotationMirrors.getAnnotationValue(task, "retries").getValue();
    if (retries < 0 || retries > MAX_RETRIES) {
      diagnostics.error(method, task, "retries", Messages.badRetries(name, retries, MAX_RETRIES));
      valid = false;
    }
    Duration backoff = duration(method, task, "backoff", string(task, "backoff"), name);
    Duration maxBackoff = duration(method, task, "maxBackoff", string(task, "maxBackoff"), name);
    if (backoff == null || maxBackoff == null) {
      valid = false;
    } else if (maxBackoff.compareTo(backoff) < 0) {
      diagnostics.error(
          method,
          task,
          "maxBackoff",
          Messages.backoffOrder(name, string(task, "backoff"), string(task, "maxBackoff")));
      valid = false;
    }
    int maxConcurrency =
        (Integer) AnnotationMirrors.getAnnotationValue(task, "maxConcurrency").getValue();
    if (maxConcurrency < 0) {
      diagnostics.error(
          method, task, "maxConcurrency", Messages.negativeMaxConcurrency(name, maxConcurrency));
      valid = false;
    }
    boolean oneAttemptAtATime =
        (Boolean) AnnotationMirrors.getAnnotationValue(task, "oneAttemptAtATime").getValue();
    if (oneAttemptAtATime && kind != TaskKind.ASYNC) {
      diagnostics.error(
          method,
          task,
          "oneAttemptAtATime",
          Messages.oneAttemptAtATimeOnSyncTask(name, method.getReturnType().toString()));
      valid = false;
    } else if (oneAttemptAtATime && (timeoutText.isEmpty() || retries == 0)) {
      // Without a timeout an attempt fails only once its future has completed: nothing to wait for.
      diagnostics.error(
          method,
          task,
          "oneAttemptAtATime",
          Messages.oneAttemptAtATimeWithoutRetry(name, !timeoutText.isEmpty(), retries != 0));
      valid = false;
    }
    String limit = string(task, "limit");
    if (!limit.isEmpty() && (limit.isBlank() || !limit.strip().equals(limit))) {
      diagnostics.error(method, task, "limit", Messages.badLimitName(name, limit));
      valid = false;
    }
    List<TypeMirror> retryOn = new ArrayList<>();
    if (task.getElementValues().keySet().stream()
        .anyMatch(member -> member.getSimpleName().contentEquals("retryOn"))) {
      @SuppressWarnings("unchecked")
      List<? extends AnnotationValue> types =
          (List<? extends AnnotationValue>)
              AnnotationMirrors.getAnnotationValue(task, "retryOn").getValue();
      types.forEach(type -> retryOn.add((TypeMirror) type.getValue()));
    }
    if (!valid) {
      return Optional.empty();
    }
    TaskSettings.Backoff waits = new TaskSettings.Backoff(backoff, maxBackoff);
    return Optional.of(
        new TaskSettings(
            timeout,
            retries,
            waits.equals(defaultBackoff) ? null : waits,
            List.copyOf(retryOn),
            maxConcurrency,
            oneAttemptAtATime,
            limit.isEmpty() ? null : limit));
  }

  private Duration duration(
      ExecutableElement method, AnnotationMirror task, String member, String text, String name) {
    Optional<Duration> parsed = DurationSyntax.parse(text);
    if (parsed.isEmpty()) {
      diagnostics.error(method, task, member, Messages.badDuration(name, member, text));
      return null;
    }
    if (parsed.get().isNegative() || parsed.get().isZero()) {
      diagnostics.error(method, task, member, Messages.nonPositiveDuration(name, member, text));
      return null;
    }
    return parsed.get();
  }

  private static String string(AnnotationMirror task, String member) {
    return (String) AnnotationMirrors.getAnnotationValue(task, member).getValue();
  }
}
