package dev.taskwire.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;

/**
 * What the runner needs so that it compiles, without a warning, in whatever package it lands: the
 * {@code java.lang} names that a class of that package takes over, and the warnings that the user's
 * own declarations would raise in code that merely calls them.
 */
final class RunnerLint {
  /** What the runner names from java.lang whatever the tasks: invoke's, throws, boxes, Void. */
  private static final List<String> RUNNER_JAVA_LANG_NAMES =
      List.of(
          "Object",
          "Exception",
          "Throwable",
          "IllegalArgumentException",
          "Void",
          "SuppressWarnings",
          "Boolean",
          "Byte",
          "Short",
          "Character",
          "Integer",
          "Long",
          "Float",
          "Double");

  private RunnerLint() {}

  /**
   * The {@code java.lang} names the runner writes for which the pipeline's package has a class of
   * its own. A class of the same package hides {@code java.lang.Integer} from the runner, which
   * writes {@code Integer} for it, and JavaPoet only knows the classes it is given: these names
   * must always be qualified. Each name is looked up on its own, since listing the package would
   * make javac parse every source file in it.
   */
  static String[] shadowedJavaLangNames(ResolvedPipeline model, Elements elements) {
    Set<String> names = new LinkedHashSet<>(RUNNER_JAVA_LANG_NAMES);
    for (ResolvedTask task : model.tasks()) {
      if (task.hasResult()) {
        ResultTypes.forEachDeclaredType(
            task.result(),
            type -> {
              Element outermost = type.asElement();
              while (outermost.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
                outermost = outermost.getEnclosingElement();
              }
              if (elements.getPackageOf(outermost).getQualifiedName().contentEquals("java.lang")) {
                names.add(outermost.getSimpleName().toString());
              }
            });
      }
    }
    String packagePrefix =
        model.pipeline().packageName().isEmpty() ? "" : model.pipeline().packageName() + ".";
    return names.stream()
        .filter(name -> elements.getTypeElement(packagePrefix + name) != null)
        .toArray(String[]::new);
  }

  /**
   * The {@code @SuppressWarnings} names the runner needs: {@code deprecation} (or {@code removal})
   * when it must call a deprecated task or name a deprecated class, which its user chose to keep;
   * {@code rawtypes} and {@code unchecked} when a result type is raw, which the user already saw a
   * warning for at the task itself.
   */
  static List<String> suppressedWarnings(ResolvedPipeline model, Elements elements) {
    List<Element> used = new ArrayList<>();
    addWithEnclosing(model.type(), used);
    boolean raw = false;
    for (ResolvedTask task : model.tasks()) {
      used.add(task.method());
      if (task.hasResult()) {
        List<DeclaredType> declared = new ArrayList<>();
        ResultTypes.forEachDeclaredType(task.result(), declared::add);
        for (DeclaredType type : declared) {
          TypeElement element = (TypeElement) type.asElement();
          addWithEnclosing(element, used);
          raw |= type.getTypeArguments().isEmpty() && !element.getTypeParameters().isEmpty();
        }
      }
    }
    Set<String> warnings = new LinkedHashSet<>();
    for (Element element : used) {
      Deprecated deprecated = element.getAnnotation(Deprecated.class);
      if (deprecated != null && deprecated.forRemoval()) {
        warnings.add("removal");
      } else if (elements.isDeprecated(element)) {
        warnings.add("deprecation");
      }
    }
    if (raw) {
      warnings.add("rawtypes");
      warnings.add("unchecked");
    }
    return List.copyOf(warnings);
  }

  /** A class and the classes it is nested in, all of which its qualified name mentions. */
  private static void addWithEnclosing(TypeElement type, List<Element> used) {
    for (Element element = type;
        element.getKind() != ElementKind.PACKAGE;
        element = element.getEnclosingElement()) {
      used.add(element);
    }
  }
}
