package dev.taskwire.processor;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks that what a dispatched task sends and receives can cross the wire: its parameter types,
 * its result type and, for an instance method, the pipeline class. A type passes if it is
 * primitive, an array of passing types, or {@link java.io.Serializable} (strings, boxes, enums,
 * serializable records and classes) or one of the {@code java.util} collection interfaces whose JDK
 * implementations are serializable, and if each of its type arguments passes too. The declared type
 * is all the processor can know: a value of a passing type can still hold something that is not
 * serializable, which then fails that task at run time.
 */
final class SerializableCheck {
  /** Interfaces that are not Serializable themselves but whose JDK implementations all are. */
  private static final List<String> COLLECTIONS =
      List.of(
          "java.util.Collection",
          "java.util.List",
          "java.util.Set",
          "java.util.SortedSet",
          "java.util.NavigableSet",
          "java.util.Map",
          "java.util.SortedMap",
          "java.util.NavigableMap");

  private final Types types;
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final TypeMirror serializable;

  SerializableCheck(Types types, Elements elements, Diagnostics diagnostics) {
    this.types = types;
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.serializable = elements.getTypeElement("java.io.Serializable").asType();
  }

  void checkPipeline(PipelineModel model, Set<String> dispatched) {
    List<String> instanceTasks =
        model.tasks().stream()
            .filter(task -> dispatched.contains(task.name()) && !task.isStatic())
            .map(TaskModel::name)
            .toList();
    if (!instanceTasks.isEmpty() && !types.isAssignable(model.type().asType(), serializable)) {
      diagnostics.error(
          model.type(),
          Messages.pipelineNotSerializable(
              model.type().getQualifiedName().toString(), instanceTasks));
    }
    for (TaskModel task : model.tasks()) {
      if (dispatched.contains(task.name())) {
        checkTask(task);
      }
    }
  }

  private void checkTask(TaskModel task) {
    for (VariableElement parameter : task.method().getParameters()) {
      firstNotSerializable(parameter.asType())
          .ifPresent(
              culprit ->
                  diagnostics.error(
                      parameter,
                      Messages.parameterNotSerializable(
                          parameter.getSimpleName().toString(),
                          task.name(),
                          parameter.asType().toString(),
                          culprit.toString())));
    }
    if (task.hasResult()) {
      firstNotSerializable(task.result())
          .ifPresent(
              culprit ->
                  diagnostics.error(
                      task.method(),
                      Messages.resultNotSerializable(
                          task.name(), task.result().toString(), culprit.toString())));
    }
  }

  /** The type, or the type argument or component in it, that cannot cross the wire. */
  private Optional<TypeMirror> firstNotSerializable(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> {
        return Optional.empty();
      }
      case ARRAY -> {
        return firstNotSerializable(((ArrayType) type).getComponentType());
      }
      case WILDCARD -> {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        // "?" and "? super X" may hold any Object.
        return bound != null ? firstNotSerializable(bound) : Optional.of(objectType());
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
        if (!types.isAssignable(types.erasure(type), serializable) && !COLLECTIONS.contains(name)) {
          return Optional.of(type);
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          Optional<TypeMirror> culprit = firstNotSerializable(argument);
          if (culprit.isPresent()) {
            return culprit;
          }
        }
        return Optional.empty();
      }
      default -> {
        return Optional.of(type);
      }
    }
  }

  private TypeMirror objectType() {
    return elements.getTypeElement("java.lang.Object").asType();
  }
}
