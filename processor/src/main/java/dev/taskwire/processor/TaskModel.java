package dev.taskwire.processor;

import dev.taskwire.runtime.TaskKind;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Task} method as the runner sees it.
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

  /** The {@code @ForEach} parameter's dependency, if the task runs once per element. */
  Optional<DependencyModel> forEach() {
    return dependencies.stream().filter(DependencyModel::each).findFirst();
  }
}
