package dev.taskwire.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A task-method parameter and the task whose result it receives.
 *
 * @param annotation the parameter's {@code @DependsOn}, where errors put the caret
 * @param fromParameterName whether the name came from the parameter because the value was empty
 * @param received the type that must accept the upstream result: the parameter's type, or {@code T}
 *     of an {@code Outcome<T>} parameter
 * @param outcome whether the parameter is an {@code Outcome}, so the task also runs on failure
 * @param each whether the parameter is a {@code @ForEach}: it receives one element per run
 */
record DependencyModel(
    VariableElement parameter,
    AnnotationMirror annotation,
    String taskName,
    boolean fromParameterName,
    TypeMirror received,
    boolean outcome,
    boolean each) {

  /** How the user wrote it, for messages: {@code @DependsOn} or {@code @ForEach}. */
  String annotationName() {
    return each ? "@ForEach" : "@DependsOn";
  }
}
