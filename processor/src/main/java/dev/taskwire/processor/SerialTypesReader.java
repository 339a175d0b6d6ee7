package dev.taskwire.processor;

import static com.google.auto.common.MoreElements.getAnnotationMirror;

import com.google.auto.common.AnnotationMirrors;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.util.Trees;
import dev.taskwire.Distributed;
import dev.taskwire.processor.SerialClosure.Closure;
import dev.taskwire.processor.SerialClosure.Open;
import dev.taskwire.processor.SerialClosure.Reason;
import dev.taskwire.runtime.serial.AllowList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Stage three and a half: derives from the task signatures what each value may hold when a JVM
 * reads it back ({@link SerialTypes}): every task's result, for result stores and drivers, and
 * every dispatched call (the pipeline object of an instance task, and the upstream results it is
 * sent), for members, plus what {@code @Distributed(allow = ...)} adds. Warns, on the field or
 * parameter, where a dispatched task's call or result holds classes that cannot be known at compile
 * time and {@code allow} names none that fits; an ordinary task's result gets its list silently,
 * since a store only costs a recomputation when a list is too short.
 */
final class SerialTypesReader {
  private static final String OUTCOME = "dev.taskwire.runtime.Outcome";

  private final Types types;
  private final SerialClosure closure;
  private final Diagnostics diagnostics;
  private final Trees trees;

  SerialTypesReader(ProcessingEnvironment env, Diagnostics diagnostics) {
    this.types = env.getTypeUtils();
    this.closure = new SerialClosure(env.getTypeUtils(), env.getElementUtils());
    this.diagnostics = diagnostics;
    this.trees = trees(env);
  }

  private static Trees trees(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return null;
    }
  }

  SerialTypes read(ResolvedPipeline model, Distribution distribution) {
    List<TypeMirror> classAllow = allowed(model.type());
    Map<String, TypeName> resultTypes = new LinkedHashMap<>();
    Map<String, List<String>> resultHolds = new LinkedHashMap<>();
    Map<String, Set<String>> callClasses = new LinkedHashMap<>();
    Map<Element, Set<String>> warnings = new LinkedHashMap<>();
    for (ResolvedTask task : model.tasks()) {
      List<TypeMirror> allow = new ArrayList<>(classAllow);
      allow.addAll(allowed(task.method()));
      Set<String> extra = new TreeSet<>();
      allow.forEach(type -> extra.addAll(closure.of(type).classNames()));
      boolean dispatched = distribution.isDispatched(task.name());
      TypeMirror produced = produced(task);
      if (produced != null) {
        Closure result = closure.of(produced);
        Set<String> holds = new TreeSet<>(result.classNames());
        holds.addAll(extra);
        TypeName type = rawBoxed(produced);
        String own = elementName(type);
        if (own != null) {
          holds.remove(own);
        }
        resultTypes.put(task.name(), type);
        resultHolds.put(task.name(), List.copyOf(holds));
        if (dispatched) {
          warnOpen(
              result,
              task.method(),
              "the result of @Distributed task " + task.name(),
              allow,
              warnings);
        }
      }
      if (dispatched) {
        callClasses.put(task.name(), callClasses(model, task, allow, extra, warnings));
      }
    }
    warnings.forEach(
        (element, messages) -> messages.forEach(message -> diagnostics.warning(element, message)));
    return new SerialTypes(resultTypes, resultHolds, callClasses);
  }

  /** What a call of a dispatched task carries: the pipeline object, and each argument sent. */
  private Set<String> callClasses(
      ResolvedPipeline model,
      ResolvedTask task,
      List<TypeMirror> allow,
      Set<String> extra,
      Map<Element, Set<String>> warnings) {
    Set<String> classes = new TreeSet<>(extra);
    if (!task.isStatic()) {
      Closure pipeline = closure.of(model.type().asType());
      classes.addAll(pipeline.classNames());
      warnOpen(pipeline, model.type(), "pipeline class " + model.canonicalName(), allow, warnings);
    }
    for (int i = 0; i < task.dependencies().size(); i++) {
      ResolvedDependency dependency = task.dependencies().get(i);
      VariableElement parameter = task.method().getParameters().get(i);
      Closure argument = closure.of(dependency.readType());
      classes.addAll(argument.classNames());
      if (dependency.outcome() || dependency.elementOutcomes()) {
        classes.add(OUTCOME);
        classes.add(AllowList.EXCEPTIONS);
      }
      warnOpen(
          argument,
          parameter,
          "parameter " + dependency.parameter() + " of @Distributed task " + task.name(),
          allow,
          warnings);
    }
    return Set.copyOf(classes);
  }

  /**
   * The value the task method produces, as a dispatched call returns it and the graph declares it:
   * an async task's future's value, one element's result for a fan-out; null for none.
   */
  private static TypeMirror produced(ResolvedTask task) {
    if (!task.hasResult()) {
      return null;
    }
    if (task.isFanOut()) {
      return ((DeclaredType) task.result()).getTypeArguments().get(0);
    }
    return task.result();
  }

  /** Warns about each open spot that no allowed class fits, once per element and message. */
  private void warnOpen(
      Closure found,
      Element root,
      String rootHolder,
      List<TypeMirror> allow,
      Map<Element, Set<String>> warnings) {
    for (Open open : found.open()) {
      if (covered(open, allow)) {
        continue;
      }
      VariableElement field = open.field();
      String holder =
          field == null
              ? rootHolder
              : "field " + field.getSimpleName() + " of " + enclosingName(field);
      Element at = field != null && inSource(field) ? field : root;
      warnings
          .computeIfAbsent(at, element -> new LinkedHashSet<>())
          .add(
              Messages.openSerialType(
                  holder, open.type().toString(), reason(open), sealable(open)));
    }
  }

  private boolean covered(Open open, List<TypeMirror> allow) {
    if (allow.isEmpty()) {
      return false;
    }
    if (open.reason() == Reason.ANY || open.reason() == Reason.OWN_FORMAT) {
      return true;
    }
    TypeMirror bound = types.erasure(open.open());
    return allow.stream().anyMatch(type -> types.isAssignable(types.erasure(type), bound));
  }

  private static String reason(Open open) {
    String type = open.open().toString();
    return switch (open.reason()) {
      case ANY -> type + " may be any class";
      case INTERFACE -> type + " is an interface, so it may be any class that implements it";
      case ABSTRACT -> type + " is abstract, so it is always some subclass of it";
      case TYPE_VARIABLE -> type + " is a type variable";
      case OWN_FORMAT ->
          type
              + " writes its own contents (Externalizable or writeReplace), which the processor"
              + " cannot see";
    };
  }

  /** The type to suggest sealing: an interface or abstract class of the user's own. */
  private static String sealable(Open open) {
    if ((open.reason() == Reason.INTERFACE || open.reason() == Reason.ABSTRACT)
        && open.open().getKind() == TypeKind.DECLARED) {
      Element element = ((DeclaredType) open.open()).asElement();
      String name = ((TypeElement) element).getQualifiedName().toString();
      if (!name.startsWith("java.") && !name.startsWith("javax.")) {
        return ((TypeElement) element).getSimpleName().toString();
      }
    }
    return null;
  }

  private static String enclosingName(VariableElement field) {
    return ((TypeElement) field.getEnclosingElement()).getQualifiedName().toString();
  }

  /** Whether the element is in a class compiled from source now, so a caret can point at it. */
  private boolean inSource(Element element) {
    try {
      return trees != null && trees.getPath(element) != null;
    } catch (RuntimeException notFound) {
      return false;
    }
  }

  /** The classes {@code @Distributed(allow = ...)} names on {@code element}. */
  private static List<TypeMirror> allowed(Element element) {
    return getAnnotationMirror(element, Distributed.class)
        .toJavaUtil()
        .map(
            annotation -> {
              List<TypeMirror> classes = new ArrayList<>();
              Object value = AnnotationMirrors.getAnnotationValue(annotation, "allow").getValue();
              for (Object item : (List<?>) value) {
                if (((AnnotationValue) item).getValue() instanceof TypeMirror type) {
                  classes.add(type);
                }
              }
              return classes;
            })
        .orElse(List.of());
  }

  /** {@code Integer} for int, {@code List} for {@code List<String>}, {@code Model[]}. */
  private TypeName rawBoxed(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return TypeName.get(types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType())
          .withoutAnnotations();
    }
    if (type.getKind() == TypeKind.ARRAY) {
      TypeMirror component = ((ArrayType) type).getComponentType();
      return ArrayTypeName.of(
          component.getKind().isPrimitive()
              ? TypeName.get(types.getPrimitiveType(component.getKind()))
              : rawBoxed(component));
    }
    Element element = types.asElement(type);
    if (element instanceof TypeElement typeElement) {
      return ClassName.get(typeElement);
    }
    return ClassName.OBJECT; // a wildcard or type variable: any object
  }

  /** The binary name of the class a result type's literal names, or of its arrays' element. */
  private static String elementName(TypeName type) {
    TypeName element = type;
    while (element instanceof ArrayTypeName array) {
      element = array.componentType();
    }
    return element instanceof ClassName name ? name.reflectionName() : null;
  }
}
