package dev.taskwire.processor;

import dev.taskwire.runtime.TaskKind;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * One task of a {@link ResolvedPipeline}.
 *
 * @param index the task's number in the runner's graph, its position in declaration order
 * @param result what dependents receive, as in {@link TaskModel#result()}; null for nothing
 * @param dependencies one per parameter, in the parameters' order
 */
record ResolvedTask(
    int index,
    ExecutableElement method,
    String name,
    TaskKind kind,
    TypeMirror result,
    List<ResolvedDependency> dependencies,
    TaskSettings settings) {

  boolean isStatic() {
    return method.getModifiers().contains(Modifier.STATIC);
  }

  boolean hasResult() {
    return result != null;
  }

  /** The {@code @ForEach} parameter's dependency, if the task runs once per element. */
  Optional<ResolvedDependency> forEach() {
    return dependencies.stream().filter(ResolvedDependency::each).findFirst();
  }

  boolean isFanOut() {
    return forEach().isPresent();
  }
}
