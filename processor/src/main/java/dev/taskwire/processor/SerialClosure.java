package dev.taskwire.processor;

import dev.taskwire.runtime.serial.AllowList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The classes a value of a declared type may be made of in Java serialization, for the runtime's
 * {@link AllowList}: the type itself, for a {@code Serializable} class the types of the fields it
 * writes (non-static, non-transient, its serializable superclasses' too, as seen with its type
 * arguments), recursively, the type arguments of JDK types such as {@code List<Model>}, and the
 * permitted subclasses of a sealed type. The JDK's values and collections are left out: every list
 * admits them. Exceptions are admitted as {@link AllowList#EXCEPTIONS}.
 *
 * <p>Where the classes cannot be known (an interface or abstract class that is not sealed, {@code
 * Object}, a type variable, a class that writes its own contents or another object in its place),
 * it records an {@link Open} spot: the processor warns about those of dispatched tasks, and the
 * user names the classes with {@code @Distributed(allow = ...)}.
 */
final class SerialClosure {
  /** Deeper than any real type; guards against types that grow as they recurse. */
  private static final int MAX_DEPTH = 40;

  /** Interfaces whose JDK implementations every allow-list admits. */
  private static final Set<String> COLLECTIONS =
      Set.of(
          "java.lang.Iterable",
          "java.util.Collection",
          "java.util.List",
          "java.util.Set",
          "java.util.SortedSet",
          "java.util.NavigableSet",
          "java.util.Queue",
          "java.util.Deque",
          "java.util.Map",
          "java.util.SortedMap",
          "java.util.NavigableMap");

  /** Why the classes at a spot cannot be known at compile time. */
  enum Reason {
    ANY,
    INTERFACE,
    ABSTRACT,
    TYPE_VARIABLE,
    OWN_FORMAT
  }

  /**
   * A spot whose classes cannot be known.
   *
   * @param field the field that holds it, or null when it is the declared type itself
   * @param type the field's (or the declared) type
   * @param open the part of it that is open: {@code Shape} of a {@code List<Shape>}
   */
  record Open(VariableElement field, TypeMirror type, TypeMirror open, Reason reason) {}

  /** The classes found, and the spots that stay open. */
  record Closure(Set<String> classNames, List<Open> open) {}

  private final Types types;
  private final Elements elements;
  private final TypeMirror serializable;
  private final TypeMirror externalizable;
  private final TypeMirror throwable;

  SerialClosure(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.serializable = elements.getTypeElement("java.io.Serializable").asType();
    this.externalizable = elements.getTypeElement("java.io.Externalizable").asType();
    this.throwable = elements.getTypeElement("java.lang.Throwable").asType();
  }

  Closure of(TypeMirror type) {
    Walk walk = new Walk();
    add(type, null, type, walk, 0);
    return new Closure(walk.names, List.copyOf(walk.open));
  }

  /** The state of one closure: what it found, and which types it has walked already. */
  private static final class Walk {
    final Set<String> names = new TreeSet<>();
    final List<Open> open = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
  }

  /**
   * @param field the field being walked, or null at the declared type
   * @param fieldType that field's type (or the declared type), for the report
   */
  private void add(
      TypeMirror type, VariableElement field, TypeMirror fieldType, Walk walk, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    switch (type.getKind()) {
      case ARRAY -> add(((ArrayType) type).getComponentType(), field, fieldType, walk, depth);
      case DECLARED -> addDeclared((DeclaredType) type, field, fieldType, walk, depth);
      case WILDCARD -> {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        if (bound != null) {
          add(bound, field, fieldType, walk, depth);
        } else {
          walk.open.add(new Open(field, fieldType, type, Reason.ANY));
        }
      }
      case TYPEVAR -> {
        TypeMirror bound = ((TypeVariable) type).getUpperBound();
        walk.open.add(new Open(field, fieldType, type, Reason.TYPE_VARIABLE));
        add(bound, field, fieldType, walk, depth + 1);
      }
      case INTERSECTION, UNION -> walk.open.add(new Open(field, fieldType, type, Reason.ANY));
      default -> {
        // primitives, void, and types that did not resolve (javac reports those)
      }
    }
  }

  private void addDeclared(
      DeclaredType type, VariableElement field, TypeMirror fieldType, Walk walk, int depth) {
    TypeElement element = (TypeElement) type.asElement();
    String name = elements.getBinaryName(element).toString();
    if (name.equals("java.lang.Object")) {
      walk.open.add(new Open(field, fieldType, type, Reason.ANY));
      return;
    }
    if (!walk.seen.add(type.toString())) {
      return;
    }
    if (types.isAssignable(types.erasure(type), throwable)) {
      walk.names.add(AllowList.EXCEPTIONS); // an exception's class is never known in advance
      return;
    }
    if (isJdk(element)) {
      addJdk(type, element, name, field, fieldType, walk, depth);
      return;
    }
    if (element.getKind() == ElementKind.ENUM) {
      walk.names.add(name);
      return;
    }
    boolean sealed = element.getModifiers().contains(Modifier.SEALED);
    if (sealed) {
      for (TypeMirror permitted : element.getPermittedSubclasses()) {
        add(types.erasure(permitted), field, fieldType, walk, depth + 1);
      }
    }
    if (element.getKind() == ElementKind.INTERFACE) {
      if (!sealed) {
        walk.open.add(new Open(field, fieldType, type, Reason.INTERFACE));
      }
      return;
    }
    walk.names.add(name);
    if (element.getModifiers().contains(Modifier.ABSTRACT) && !sealed) {
      walk.open.add(new Open(field, fieldType, type, Reason.ABSTRACT));
    }
    if (!types.isAssignable(types.erasure(type), serializable)) {
      return; // nothing of it is written; a value there is null or a serializable subclass
    }
    if (types.isAssignable(types.erasure(type), externalizable)) {
      walk.open.add(new Open(field, fieldType, type, Reason.OWN_FORMAT));
      return;
    }
    if (replacesItself(element) && !addNestedSerializable(element, field, fieldType, walk, depth)) {
      walk.open.add(new Open(field, fieldType, type, Reason.OWN_FORMAT));
    }
    addFields(type, walk, depth);
  }

  /** What a JDK type adds: itself unless every list has it, and its type arguments. */
  private void addJdk(
      DeclaredType type,
      TypeElement element,
      String name,
      VariableElement field,
      TypeMirror fieldType,
      Walk walk,
      int depth) {
    boolean covered = COLLECTIONS.contains(name) || AllowList.jdkClasses().contains(name);
    if (!covered) {
      if (element.getKind() == ElementKind.INTERFACE) {
        walk.open.add(new Open(field, fieldType, type, Reason.INTERFACE));
      } else if (element.getModifiers().contains(Modifier.ABSTRACT)) {
        walk.open.add(new Open(field, fieldType, type, Reason.ABSTRACT));
      } else if (types.isAssignable(types.erasure(type), serializable)) {
        walk.names.add(name); // a JDK value beyond the usual: java.net.URI, java.io.File, ...
      }
    }
    for (TypeMirror argument : type.getTypeArguments()) {
      add(argument, field, fieldType, walk, depth + 1);
    }
  }

  /**
   * The fields a serializable class writes, its serializable superclasses' included, each as seen
   * through {@code type}'s type arguments; a JDK superclass adds its type arguments instead ({@code
   * extends ArrayList<Row>}: Row).
   */
  private void addFields(DeclaredType type, Walk walk, int depth) {
    DeclaredType current = type;
    while (current != null) {
      TypeElement element = (TypeElement) current.asElement();
      for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
        if (!field.getModifiers().contains(Modifier.STATIC)
            && !field.getModifiers().contains(Modifier.TRANSIENT)) {
          TypeMirror fieldType = types.asMemberOf(current, field);
          add(fieldType, field, fieldType, walk, depth + 1);
        }
      }
      current = serializableSuperclass(current, walk, depth);
    }
  }

  /** The superclass as {@code type} sees it, if it is a serializable class of the user's. */
  private DeclaredType serializableSuperclass(DeclaredType type, Walk walk, int depth) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) supertype;
      TypeElement element = (TypeElement) declared.asElement();
      if (element.getKind() != ElementKind.CLASS
          || !types.isAssignable(types.erasure(declared), serializable)) {
        continue;
      }
      if (isJdk(element)) {
        addJdk(
            declared,
            element,
            elements.getBinaryName(element).toString(),
            null,
            declared,
            walk,
            depth);
        return null;
      }
      walk.names.add(elements.getBinaryName(element).toString());
      return declared;
    }
    return null;
  }

  /** Whether the class writes another object in its place ({@code writeReplace}). */
  private static boolean replacesItself(TypeElement element) {
    for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals("writeReplace")
          && method.getParameters().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The serialization-proxy idiom: the object written in its place is an instance of a nested
   * serializable class. Adds those; false if there are none.
   */
  private boolean addNestedSerializable(
      TypeElement element, VariableElement field, TypeMirror fieldType, Walk walk, int depth) {
    boolean any = false;
    for (TypeElement nested : ElementFilter.typesIn(element.getEnclosedElements())) {
      if (nested.getKind() == ElementKind.CLASS
          && types.isAssignable(types.erasure(nested.asType()), serializable)) {
        add(types.erasure(nested.asType()), field, fieldType, walk, depth + 1);
        any = true;
      }
    }
    return any;
  }

  private boolean isJdk(Element element) {
    String name = elements.getPackageOf(element).getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
  }
}
