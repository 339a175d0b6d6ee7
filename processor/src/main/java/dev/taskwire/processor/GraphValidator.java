package dev.taskwire.processor;

import com.google.auto.common.MoreElements;
import dev.taskwire.Task;
import dev.taskwire.runtime.TaskKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Stage two: checks what concerns the graph as a whole and resolves it into a {@link
 * ResolvedPipeline}, the writers' model. Every {@code @DependsOn} must name a task other than its
 * own, whose result the parameter's type accepts, and the dependencies must form no cycle. Errors
 * go on the parameter's {@code @DependsOn}, the caret on its value.
 */
final class GraphValidator {
  private final ResultTypes resultTypes;
  private final Diagnostics diagnostics;

  GraphValidator(ResultTypes resultTypes, Diagnostics diagnostics) {
    this.resultTypes = resultTypes;
    this.diagnostics = diagnostics;
  }

  /**
   * Returns the resolved pipeline, or empty once an error is reported. The collector has already
   * rejected duplicate names, so a name stands for one task.
   */
  Optional<ResolvedPipeline> validate(PipelineModel model) {
    List<String> names = model.tasks().stream().map(TaskModel::name).toList();
    List<List<Integer>> edges = new ArrayList<>();
    List<ResolvedTask> resolved = new ArrayList<>();
    boolean valid = true;
    for (int index = 0; index < model.tasks().size(); index++) {
      TaskModel task = model.tasks().get(index);
      List<Integer> prerequisites = new ArrayList<>();
      List<ResolvedDependency> dependencies = new ArrayList<>();
      for (DependencyModel dependency : task.dependencies()) {
        Integer upstream = model.indexOf(dependency.taskName());
        if (upstream == null) {
          reportUnknown(model, task, dependency, names);
          valid = false;
        } else if (upstream == index) {
          diagnostics.error(
              dependency.parameter(),
              dependency.annotation(),
              Messages.selfDependency(dependency.annotationName(), task.name()));
          valid = false;
        } else {
          Optional<ResolvedDependency> checked =
              resolve(task, dependency, upstream, model.tasks().get(upstream));
          checked.ifPresent(dependencies::add);
          valid &= checked.isPresent();
          prerequisites.add(upstream);
        }
      }
      edges.add(prerequisites);
      resolved.add(
          new ResolvedTask(
              index,
              task.method(),
              task.name(),
              task.kind(),
              task.result(),
              List.copyOf(dependencies),
              task.settings()));
    }
    for (List<Integer> cycle : CycleFinder.cycles(edges)) {
      reportCycle(model, cycle);
      valid = false;
    }
    return valid
        ? Optional.of(
            new ResolvedPipeline(
                model.type(), model.pipeline(), model.runner(), List.copyOf(resolved)))
        : Optional.empty();
  }

  /**
   * The dependency with what the runner reads for it, if the parameter accepts what task number
   * {@code index} gives; empty once it has reported why not.
   */
  private Optional<ResolvedDependency> resolve(
      TaskModel task, DependencyModel dependency, int index, TaskModel upstream) {
    String parameter = dependency.parameter().getSimpleName().toString();
    if (!upstream.hasResult()) {
      diagnostics.error(
          dependency.parameter(),
          dependency.annotation(),
          Messages.voidDependency(upstream.name(), parameter, task.name()));
      return Optional.empty();
    }
    if (dependency.each()) {
      return elementType(task, dependency, upstream)
          .map(element -> resolved(dependency, index, upstream, element));
    }
    if (resultTypes.isAssignable(upstream.result(), dependency.received())) {
      return Optional.of(resolved(dependency, index, upstream, null));
    }
    TypeMirror parameterType = dependency.parameter().asType();
    // Checked only once the whole result does not fit: a fan-out whose elements are themselves
    // Outcomes still gives a List<Outcome<X>> parameter its result whole, as it always did.
    Optional<TypeMirror> listedOutcome =
        upstream.isFanOut() && !dependency.outcome()
            ? resultTypes.listedOutcome(parameterType)
            : Optional.empty();
    if (listedOutcome.isPresent()) {
      return elementOutcomes(task, dependency, index, upstream, listedOutcome.get());
    }
    String message;
    if (dependency.outcome()) {
      message =
          Messages.outcomeTypeMismatch(
              parameter,
              task.name(),
              parameterType.toString(),
              upstream.name(),
              upstream.result().toString(),
              resultTypes.boxed(upstream.result()).toString());
    } else {
      message =
          upstream.kind() == TaskKind.ASYNC && resultTypes.isFutureLike(parameterType)
              ? Messages.futureParameter(
                  parameter,
                  task.name(),
                  parameterType.toString(),
                  upstream.name(),
                  upstream.result().toString())
              : Messages.typeMismatch(
                  parameter,
                  task.name(),
                  parameterType.toString(),
                  upstream.name(),
                  upstream.result().toString());
    }
    diagnostics.error(dependency.parameter(), dependency.annotation(), message);
    return Optional.empty();
  }

  private static ResolvedDependency resolved(
      DependencyModel dependency, int index, TaskModel upstream, TypeMirror element) {
    return new ResolvedDependency(
        dependency.parameter().getSimpleName().toString(),
        index,
        upstream.name(),
        upstream.result(),
        dependency.received(),
        dependency.outcome(),
        false,
        element);
  }

  /**
   * A {@code List<Outcome<X>>} parameter of fan-out task {@code upstream}, which takes the outcome
   * of each of its elements, if X accepts an element's result, as for an {@code Outcome<X>}; empty
   * once it has reported why not.
   *
   * @param outcome the parameter's {@code Outcome<X>}, raw or not
   */
  private Optional<ResolvedDependency> elementOutcomes(
      TaskModel task,
      DependencyModel dependency,
      int index,
      TaskModel upstream,
      TypeMirror outcome) {
    String parameter = dependency.parameter().getSimpleName().toString();
    // A fan-out's result is the List of its elements' results, boxed.
    TypeMirror elementResult = resultTypes.elementType(upstream.result()).orElseThrow();
    Optional<TypeMirror> accepted = resultTypes.outcomeArgument(outcome);
    String message;
    if (accepted.isEmpty()) {
      message =
          Messages.rawElementOutcome(
              parameter, task.name(), upstream.name(), elementResult.toString());
    } else if (!resultTypes.isAssignable(elementResult, accepted.get())) {
      message =
          Messages.elementOutcomeTypeMismatch(
              parameter,
              task.name(),
              dependency.parameter().asType().toString(),
              upstream.name(),
              elementResult.toString());
    } else {
      return Optional.of(
          new ResolvedDependency(
              parameter,
              index,
              upstream.name(),
              upstream.result(),
              accepted.get(),
              false,
              true,
              null));
    }
    diagnostics.error(dependency.parameter(), dependency.annotation(), message);
    return Optional.empty();
  }

  /**
   * What a {@code @ForEach} parameter receives, one per run: an element of the upstream result, if
   * the result has elements and the parameter accepts them; empty once it has reported why not.
   */
  private Optional<TypeMirror> elementType(
      TaskModel task, DependencyModel dependency, TaskModel upstream) {
    String parameter = dependency.parameter().getSimpleName().toString();
    Optional<TypeMirror> element = resultTypes.elementType(upstream.result());
    if (element.isEmpty()) {
      diagnostics.error(
          dependency.parameter(),
          dependency.annotation(),
          Messages.notACollection(
              parameter, task.name(), upstream.name(), upstream.result().toString()));
      return Optional.empty();
    }
    if (!resultTypes.isAssignable(element.get(), dependency.received())) {
      diagnostics.error(
          dependency.parameter(),
          dependency.annotation(),
          Messages.elementTypeMismatch(
              parameter,
              task.name(),
              dependency.received().toString(),
              upstream.name(),
              element.get().toString()));
      return Optional.empty();
    }
    return element;
  }

  /**
   * Says why the name is not a task when it is that of a plain method of the class or of a
   * superclass's task; otherwise suggests the closest other task (a task's own name would only lead
   * to a self-dependency).
   */
  private void reportUnknown(
      PipelineModel model,
      TaskModel task,
      DependencyModel dependency,
      java.util.Collection<String> tasks) {
    String name = dependency.taskName();
    String annotation = dependency.annotationName();
    boolean fromParameterName = dependency.fromParameterName();
    String pipeline = model.type().getSimpleName().toString();
    Optional<TypeElement> superclass = superclassWithTask(model.type(), name);
    String message;
    if (declaresMethod(model.type(), name)) {
      message = Messages.unknownTaskIsPlainMethod(annotation, name, fromParameterName, pipeline);
    } else if (superclass.isPresent()) {
      message =
          Messages.unknownTaskIsInherited(
              annotation,
              name,
              fromParameterName,
              pipeline,
              superclass.get().getSimpleName().toString());
    } else {
      message =
          Messages.unknownTask(
              annotation, name, fromParameterName, pipeline, closestTask(name, task, tasks), tasks);
    }
    diagnostics.error(dependency.parameter(), dependency.annotation(), message);
  }

  /** The other task whose name is closest to {@code name}, or null if none is close. */
  private static String closestTask(
      String name, TaskModel task, java.util.Collection<String> tasks) {
    return tasks.stream()
        .filter(other -> !other.equals(task.name()) && isClose(other, name))
        .min(Comparator.comparingInt(other -> distance(other, name)))
        .orElse(null);
  }

  private static boolean declaresMethod(TypeElement type, String name) {
    return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
        .anyMatch(method -> method.getSimpleName().contentEquals(name));
  }

  /** The nearest superclass that declares a {@code @Task} method called {@code name}. */
  private static Optional<TypeElement> superclassWithTask(TypeElement type, String name) {
    for (TypeMirror superclass = type.getSuperclass();
        superclass.getKind() == TypeKind.DECLARED;
        superclass = ((TypeElement) ((DeclaredType) superclass).asElement()).getSuperclass()) {
      TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
      boolean hasTask =
          ElementFilter.methodsIn(element.getEnclosedElements()).stream()
              .anyMatch(
                  method ->
                      method.getSimpleName().contentEquals(name)
                          && MoreElements.isAnnotationPresent(method, Task.class));
      if (hasTask) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  /** Reported on the {@code @DependsOn} that makes the cycle's first task wait for the second. */
  private void reportCycle(PipelineModel model, List<Integer> cycle) {
    TaskModel first = model.tasks().get(cycle.get(0));
    String second = model.tasks().get(cycle.get(1)).name();
    DependencyModel edge =
        first.dependencies().stream()
            .filter(dependency -> dependency.taskName().equals(second))
            .findFirst()
            .orElseThrow();
    List<String> names = cycle.stream().map(index -> model.tasks().get(index).name()).toList();
    diagnostics.error(edge.parameter(), edge.annotation(), Messages.cycle(names));
  }

  private static boolean isClose(String candidate, String typed) {
    return distance(candidate.toLowerCase(Locale.ROOT), typed.toLowerCase(Locale.ROOT))
        <= Math.max(2, typed.length() / 3);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
