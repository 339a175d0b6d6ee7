package dev.taskwire.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports compile errors and warnings on the exact element, and remembers whether errors were. */
final class Diagnostics {
  private final Messager messager;
  private int errors;

  Diagnostics(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /**
   * Puts the caret on {@code annotation}'s {@code value} where it was written, on the annotation
   * where the value was left to its default.
   */
  void error(Element element, AnnotationMirror annotation, String message) {
    error(element, annotation, "value", message);
  }

  /** Puts the caret on the annotation's {@code member} where it was written. */
  void error(Element element, AnnotationMirror annotation, String member, String message) {
    errors++;
    AnnotationValue value = explicitValue(annotation, member);
    if (value != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }
  }

  /** A note: something the user may want to know, which is not a problem. */
  void note(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, message, element);
  }

  /** A warning: the build goes on (unless it treats warnings as errors). */
  void warning(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.WARNING, message, element);
  }

  boolean hadErrors() {
    return errors > 0;
  }

  private static AnnotationValue explicitValue(AnnotationMirror annotation, String member) {
    return annotation.getElementValues().entrySet().stream()
        .filter(entry -> entry.getKey().getSimpleName().contentEquals(member))
        .map(java.util.Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
