package dev.taskwire.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.VariableElement;

/**
 * A task-method parameter and the task whose result it receives.
 *
 * @param annotation the parameter's {@code @DependsOn}, where errors put the caret
 * @param fromParameterName whether the name came from the parameter because the value was empty
 */
record DependencyModel(
    VariableElement parameter, AnnotationMirror annotation, String taskName,
    boolean fromParameterName) {}
