package dev.taskwire.processor;

import dev.taskwire.runtime.TaskKind;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Task} method as the collector read it; its dependencies are names until {@link
 * GraphValidator} resolves them into a {@link ResolvedTask}.
 *
 * @param result what dependents receive: the return type, or {@code T} of an async task's future,
 *     or a {@code List} of either for a task that runs for each element; null when there is nothing
 *     to receive (a void task, or an async {@code Void})
 * @param settings its timeout and retries
 */
record TaskModel(
    ExecutableElement method,
    String name,
    TaskKind kind,
    TypeMirror result,
    List<DependencyModel> dependencies,
    TaskSettings settings) {

  boolean isStatic() {
    return method.getModifiers().contains(Modifier.STATIC);
  }

  boolean hasResult() {
    return result != null;
  }

  /** Whether the task runs once per element of another's result: it has a {@code @ForEach}. */
  boolean isFanOut() {
    return dependencies.stream().anyMatch(DependencyModel::each);
  }
}
