package dev.taskwire.processor;

import static com.google.auto.common.MoreElements.getAnnotationMirror;
import static com.google.auto.common.MoreElements.isAnnotationPresent;

import com.google.auto.common.AnnotationMirrors;
import com.palantir.javapoet.ClassName;
import dev.taskwire.DependsOn;
import dev.taskwire.Distributed;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import dev.taskwire.runtime.TaskKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Stage one: reads a pipeline class's {@code @Task} methods into a {@link PipelineModel}, reporting
 * every problem that concerns one class, method or parameter on its own. Returns empty once it has
 * reported an error, so that later stages only see well-formed tasks.
 */
final class PipelineCollector {
  /**
   * Members of the generated {@code Execution} and {@code Results}, and {@code Object}'s
   * no-argument methods: a task accessor with one of these names would not compile or would hide
   * them.
   */
  private static final List<String> RESERVED =
      List.of(
          "await",
          "cancel",
          "isDone",
          "getClass",
          "hashCode",
          "toString",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  /** The runner's nested classes. */
  private static final List<String> RUNNER_MEMBER_TYPES = List.of("Results", "Execution");

  private final Elements elements;
  private final ResultTypes resultTypes;
  private final Diagnostics diagnostics;
  private final TaskSettingsReader settingsReader;

  PipelineCollector(Elements elements, ResultTypes resultTypes, Diagnostics diagnostics) {
    this.elements = elements;
    this.resultTypes = resultTypes;
    this.diagnostics = diagnostics;
    this.settingsReader = new TaskSettingsReader(elements, diagnostics);
  }

  Optional<PipelineModel> collect(TypeElement type) {
    reportStrayDependsOn(type);
    List<ExecutableElement> methods =
        ElementFilter.methodsIn(type.getEnclosedElements()).stream()
            .filter(method -> isAnnotationPresent(method, Task.class))
            .toList();
    if (methods.isEmpty()) {
      // @Distributed alone makes no pipeline; say so rather than ignore it.
      getAnnotationMirror(type, Distributed.class)
          .toJavaUtil()
          .ifPresent(
              annotation ->
                  diagnostics.error(
                      type,
                      annotation,
                      Messages.distributedClassWithoutTasks(type.getQualifiedName().toString())));
      return Optional.empty();
    }
    ClassName pipeline = ClassName.get(type);
    ClassName runner = PipelineModel.runnerName(pipeline);
    if (!checkClass(type, methods, runner)) {
      return Optional.empty();
    }
    List<String> names = methods.stream().map(m -> m.getSimpleName().toString()).toList();
    List<TaskModel> tasks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, String> whatIfMethods = new HashMap<>();
    for (ExecutableElement method : methods) {
      String name = method.getSimpleName().toString();
      if (!seen.add(name)) {
        diagnostics.error(method, Messages.duplicateTask(name));
      } else {
        String whatIf = WhatIfWriter.methodName(name);
        String other = whatIfMethods.putIfAbsent(whatIf, name);
        if (other != null) {
          diagnostics.note(method, Messages.whatIfNameTaken(name, other, whatIf));
        }
      }
      collectTask(type, method, runner, names).ifPresent(tasks::add);
    }
    return diagnostics.hadErrors()
        ? Optional.empty()
        : Optional.of(PipelineModel.of(type, pipeline, runner, tasks));
  }

  /** A class-level problem is reported once, on the class, and stops the collection. */
  private boolean checkClass(TypeElement type, List<ExecutableElement> methods, ClassName runner) {
    String name = type.getQualifiedName().toString();
    if (type.getKind().isInterface()) { // an annotation interface too
      methods.forEach(method -> diagnostics.error(method, Messages.notInClass(name)));
      return false;
    }
    if (type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error(type, Messages.innerClass(name));
      return false;
    }
    for (Element enclosing = type;
        enclosing.getKind() != ElementKind.PACKAGE;
        enclosing = enclosing.getEnclosingElement()) {
      if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
        diagnostics.error(type, Messages.privateClass(name, runner.simpleName()));
        return false;
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.error(type, Messages.genericClass(name));
      return false;
    }
    Optional<String> hidden = hiddenByRunner(type);
    if (hidden.isPresent()) {
      diagnostics.error(
          type, Messages.hiddenByRunnerMember(name, runner.simpleName(), hidden.get()));
      return false;
    }
    return true;
  }

  /**
   * The runner's nested classes hide a class of the unnamed package that shares their name, and
   * such a class has no qualified name to fall back on: the name, if {@code type} or the class it
   * is nested in is one.
   */
  private static Optional<String> hiddenByRunner(TypeElement type) {
    Element outermost = type;
    while (outermost.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
      outermost = outermost.getEnclosingElement();
    }
    String name = outermost.getSimpleName().toString();
    return ((PackageElement) outermost.getEnclosingElement()).isUnnamed()
            && RUNNER_MEMBER_TYPES.contains(name)
        ? Optional.of(name)
        : Optional.empty();
  }

  /** The first class named in {@code type} that the runner's nested classes hide. */
  private static Optional<TypeElement> hiddenByRunner(TypeMirror type) {
    List<TypeElement> hidden = new ArrayList<>();
    ResultTypes.forEachDeclaredType(
        type,
        declared -> {
          TypeElement element = (TypeElement) declared.asElement();
          if (hiddenByRunner(element).isPresent()) {
            hidden.add(element);
          }
        });
    return hidden.stream().findFirst();
  }

  private Optional<TaskModel> collectTask(
      TypeElement type, ExecutableElement method, ClassName runner, List<String> taskNames) {
    String name = method.getSimpleName().toString();
    boolean valid = true;
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.error(method, Messages.privateTask(name, runner.simpleName()));
      valid = false;
    }
    if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.error(method, Messages.abstractTask(name));
      valid = false;
    }
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.error(method, Messages.genericTask(name));
      valid = false;
    }
    if (RESERVED.contains(name)) {
      diagnostics.error(method, Messages.reservedName(name, reservedMember(name)));
      valid = false;
    }
    TypeMirror returnType = method.getReturnType();
    TaskKind kind;
    TypeMirror result;
    if (returnType.getKind() == TypeKind.VOID) {
      kind = TaskKind.VOID;
      result = null;
    } else if (resultTypes.isCompletionStage(returnType)) {
      kind = TaskKind.ASYNC;
      Optional<TypeMirror> async = resultTypes.asyncResult(returnType);
      if (async.isEmpty()) {
        diagnostics.error(method, Messages.rawFuture(name, returnType.toString()));
        return Optional.empty();
      }
      result = resultTypes.isVoidClass(async.get()) ? null : async.get();
    } else {
      kind = TaskKind.VALUE;
      result = returnType;
    }
    if (result != null && !resultTypes.isVisibleFrom(result, elements.getPackageOf(type))) {
      diagnostics.error(
          method, Messages.inaccessibleResult(name, result.toString(), runner.simpleName()));
      valid = false;
    } else if (result != null) {
      Optional<TypeElement> hidden = hiddenByRunner(result);
      if (hidden.isPresent()) {
        diagnostics.error(
            method,
            Messages.hiddenByRunnerMember(
                hidden.get().getQualifiedName().toString(),
                runner.simpleName(),
                hiddenByRunner(hidden.get()).orElseThrow()));
        valid = false;
      }
    }
    List<DependencyModel> dependencies = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      Optional<DependencyModel> dependency = collectDependency(parameter, name, taskNames);
      dependency.ifPresent(dependencies::add);
      valid &= dependency.isPresent();
    }
    List<DependencyModel> forEach = dependencies.stream().filter(DependencyModel::each).toList();
    if (forEach.size() > 1) {
      diagnostics.error(
          forEach.get(1).parameter(),
          forEach.get(1).annotation(),
          Messages.twoForEach(name, forEach.get(0).taskName(), forEach.get(1).taskName()));
      valid = false;
    }
    Optional<TaskSettings> settings = settingsReader.read(method, kind);
    if (settings.isPresent() && settings.get().maxConcurrency() > 0 && forEach.isEmpty()) {
      diagnostics.error(
          method,
          getAnnotationMirror(method, Task.class).get(),
          "maxConcurrency",
          Messages.maxConcurrencyWithoutForEach(name));
      valid = false;
    }
    if (result != null && !forEach.isEmpty()) {
      result = resultTypes.listOf(result); // what dependents receive: every element's result
    }
    return valid && settings.isPresent()
        ? Optional.of(
            new TaskModel(method, name, kind, result, List.copyOf(dependencies), settings.get()))
        : Optional.empty();
  }

  /** A parameter's {@code @DependsOn} or {@code @ForEach}; empty once an error is reported. */
  private Optional<DependencyModel> collectDependency(
      VariableElement parameter, String task, List<String> taskNames) {
    Optional<AnnotationMirror> dependsOn =
        getAnnotationMirror(parameter, DependsOn.class).toJavaUtil();
    Optional<AnnotationMirror> forEach = getAnnotationMirror(parameter, ForEach.class).toJavaUtil();
    String parameterName = parameter.getSimpleName().toString();
    if (dependsOn.isPresent() && forEach.isPresent()) {
      diagnostics.error(
          parameter, forEach.get(), Messages.dependsOnAndForEach(parameterName, task));
      return Optional.empty();
    }
    Optional<AnnotationMirror> annotation = forEach.isPresent() ? forEach : dependsOn;
    if (annotation.isEmpty()) {
      diagnostics.error(parameter, Messages.missingDependsOn(parameterName, task, taskNames));
      return Optional.empty();
    }
    String value =
        AnnotationMirrors.getAnnotationValue(annotation.get(), "value").getValue().toString();
    boolean fromParameterName = value.isEmpty();
    TypeMirror received = parameter.asType();
    boolean outcome = resultTypes.isOutcome(received);
    if (outcome && forEach.isPresent()) {
      diagnostics.error(parameter, forEach.get(), Messages.forEachOutcome(parameterName, task));
      return Optional.empty();
    }
    if (outcome) {
      Optional<TypeMirror> argument = resultTypes.outcomeArgument(received);
      if (argument.isEmpty()) {
        diagnostics.error(parameter, Messages.rawOutcome(parameterName, task));
        return Optional.empty();
      }
      received = argument.get();
    }
    return Optional.of(
        new DependencyModel(
            parameter,
            annotation.get(),
            fromParameterName ? parameterName : value,
            fromParameterName,
            received,
            outcome,
            forEach.isPresent()));
  }

  private void reportStrayDependsOn(TypeElement type) {
    List<ExecutableElement> executables = new ArrayList<>();
    executables.addAll(ElementFilter.methodsIn(type.getEnclosedElements()));
    executables.addAll(ElementFilter.constructorsIn(type.getEnclosedElements()));
    for (ExecutableElement executable : executables) {
      if (isAnnotationPresent(executable, Task.class)) {
        continue;
      }
      for (VariableElement parameter : executable.getParameters()) {
        getAnnotationMirror(parameter, DependsOn.class)
            .or(getAnnotationMirror(parameter, ForEach.class))
            .toJavaUtil()
            .ifPresent(
                annotation ->
                    diagnostics.error(
                        parameter,
                        annotation,
                        executable.getKind() == ElementKind.CONSTRUCTOR
                            ? Messages.dependsOnInConstructor(
                                type.getQualifiedName().toString(),
                                type.getKind() == ElementKind.RECORD)
                            : Messages.dependsOnWithoutTask(
                                executable.getSimpleName().toString())));
      }
    }
  }

  private static String reservedMember(String name) {
    return switch (name) {
      case "await", "cancel", "isDone" -> "Execution." + name + "()";
      default -> "Object." + name + "()";
    };
  }
}
