package dev.taskwire.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.taskwire.DependsOn;
import dev.taskwire.ForEach;
import dev.taskwire.Task;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code @Task} and {@code @DependsOn} written in a class's source that javac could not
 * resolve, typically for want of an import. javac leaves such an annotation out of the element
 * model altogether (so auto-common's validation cannot see it either), and the class would look as
 * if it had never been written: "parameter rows has no @DependsOn" beside javac's own "cannot find
 * symbol". Only the source tree still shows it, so this needs javac's {@link Trees}; under another
 * compiler it finds nothing.
 */
final class UnresolvedAnnotations {
  private static final String TASK = Task.class.getSimpleName();
  private static final String DEPENDS_ON = DependsOn.class.getSimpleName();
  private static final String FOR_EACH = ForEach.class.getSimpleName();

  private final Trees trees;

  private UnresolvedAnnotations(Trees trees) {
    this.trees = trees;
  }

  static UnresolvedAnnotations of(ProcessingEnvironment env) {
    try {
      return new UnresolvedAnnotations(Trees.instance(env));
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return new UnresolvedAnnotations(null);
    }
  }

  /**
   * Whether a method of {@code type} or one of its parameters has one of them unresolved. Walks the
   * class's tree once: looking up each method's tree on its own would scan the class again for
   * every method.
   */
  boolean in(TypeElement type) {
    TreePath classPath = trees == null ? null : trees.getPath(type);
    if (classPath == null) {
      return false; // not javac, or a class read from a class file
    }
    for (Tree member : ((ClassTree) classPath.getLeaf()).getMembers()) {
      if (!(member instanceof MethodTree method)) {
        continue;
      }
      TreePath methodPath = new TreePath(classPath, method);
      if (unresolved(trees.getElement(methodPath), method.getModifiers(), TASK)) {
        return true;
      }
      for (VariableTree parameter : method.getParameters()) {
        Element element = trees.getElement(new TreePath(methodPath, parameter));
        if (unresolved(element, parameter.getModifiers(), DEPENDS_ON)
            || unresolved(element, parameter.getModifiers(), FOR_EACH)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Written as {@code @name} or {@code @some.package.name}, but not among the element's. */
  private static boolean unresolved(Element element, ModifiersTree modifiers, String name) {
    boolean written = false;
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      String type = annotation.getAnnotationType().toString();
      written |= type.substring(type.lastIndexOf('.') + 1).equals(name);
    }
    return written
        && element != null
        && element.getAnnotationMirrors().stream()
            .map(mirror -> mirror.getAnnotationType().asElement().getSimpleName())
            .noneMatch(simpleName -> simpleName.contentEquals(name));
  }
}
