package dev.taskwire.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Questions about types that the collector and the validator ask. */
final class ResultTypes {
  private final Types types;
  private final Elements elements;
  private final TypeMirror completionStage;
  private final TypeMirror future;
  private final TypeMirror iterable;

  ResultTypes(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.completionStage = erasure(CompletionStage.class);
    this.future = erasure(Future.class);
    this.iterable = erasure(Iterable.class);
  }

  /** Whether a task returning {@code type} is async: a {@code CompletionStage} of some kind. */
  boolean isCompletionStage(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && types.isAssignable(types.erasure(type), completionStage);
  }

  /** Whether {@code type} is a future of some kind, the mistake of declaring one as a parameter. */
  boolean isFutureLike(TypeMirror type) {
    return isCompletionStage(type)
        || (type.getKind() == TypeKind.DECLARED && types.isAssignable(types.erasure(type), future));
  }

  /**
   * {@code T} of a {@code CompletionStage<T>} (or of any subtype, such as {@code
   * CompletableFuture<T>}); {@code ? extends X} gives X, {@code ?} gives Object. Empty for a raw
   * type.
   */
  Optional<TypeMirror> asyncResult(TypeMirror type) {
    return typeArgument(type, completionStage);
  }

  /**
   * What a {@code @ForEach} over a result of {@code type} receives: the component type of an array,
   * {@code E} of an {@code Iterable<E>} (or of any subtype, such as {@code List<E>}), Object for a
   * raw one. Empty if {@code type} is neither.
   */
  Optional<TypeMirror> elementType(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return Optional.of(((ArrayType) type).getComponentType());
    }
    if (type.getKind() != TypeKind.DECLARED || !types.isAssignable(types.erasure(type), iterable)) {
      return Optional.empty();
    }
    return typeArgument(type, iterable)
        .or(() -> Optional.of(elements.getTypeElement("java.lang.Object").asType()));
  }

  /** {@code List<element>}, boxed: the result of a task that runs for each element. */
  TypeMirror listOf(TypeMirror element) {
    return types.getDeclaredType(elements.getTypeElement("java.util.List"), boxed(element));
  }

  /** The boxed class of a primitive {@code type}, e.g. Integer for int; any other type itself. */
  TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive()
        ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType()
        : type;
  }

  /**
   * The type argument that {@code type} gives the generic {@code supertype} (erased), found by
   * walking up its supertypes; {@code ? extends X} gives X, {@code ?} gives Object. Empty for a raw
   * type.
   */
  private Optional<TypeMirror> typeArgument(TypeMirror type, TypeMirror supertype) {
    Deque<TypeMirror> pending = new ArrayDeque<>(List.of(type));
    while (!pending.isEmpty()) {
      TypeMirror candidate = pending.removeFirst();
      if (types.isSameType(types.erasure(candidate), supertype)) {
        List<? extends TypeMirror> arguments = ((DeclaredType) candidate).getTypeArguments();
        if (arguments.isEmpty()) {
          return Optional.empty();
        }
        TypeMirror argument = arguments.get(0);
        if (argument instanceof WildcardType wildcard) {
          return Optional.of(
              wildcard.getExtendsBound() != null
                  ? wildcard.getExtendsBound()
                  : elements.getTypeElement("java.lang.Object").asType());
        }
        return Optional.of(argument);
      }
      pending.addAll(types.directSupertypes(candidate));
    }
    return Optional.empty();
  }

  /** Whether {@code type} is the runtime's {@code Outcome}, raw or not. */
  boolean isOutcome(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(RuntimeNames.OUTCOME.canonicalName());
  }

  /**
   * {@code Outcome<X>} of a {@code java.util.List<Outcome<X>>}, raw or not, the type a parameter
   * declares to take the outcome of each element of a fan-out; empty for any other type (a subtype
   * of {@code List} or a wildcard such as {@code List<? extends Outcome<X>>} included).
   */
  Optional<TypeMirror> listedOutcome(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED
        || !((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals("java.util.List")) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return arguments.size() == 1 && isOutcome(arguments.get(0))
        ? Optional.of(arguments.get(0))
        : Optional.empty();
  }

  /** {@code T} of {@code Outcome<T>}: {@code ? extends X} gives X, {@code ?} Object. */
  Optional<TypeMirror> outcomeArgument(TypeMirror type) {
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    if (arguments.isEmpty()) {
      return Optional.empty();
    }
    TypeMirror argument = arguments.get(0);
    if (argument instanceof WildcardType wildcard) {
      return Optional.of(
          wildcard.getExtendsBound() != null
              ? wildcard.getExtendsBound()
              : elements.getTypeElement("java.lang.Object").asType());
    }
    return Optional.of(argument);
  }

  boolean isVoidClass(TypeMirror type) {
    return types.isSameType(type, elements.getTypeElement("java.lang.Void").asType());
  }

  boolean isAssignable(TypeMirror from, TypeMirror to) {
    return types.isAssignable(from, to);
  }

  /** Whether code in package {@code packageName} can name {@code type}, its arguments included. */
  boolean isVisibleFrom(TypeMirror type, PackageElement packageName) {
    switch (type.getKind()) {
      case ARRAY -> {
        return isVisibleFrom(((ArrayType) type).getComponentType(), packageName);
      }
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() == null
                || isVisibleFrom(wildcard.getExtendsBound(), packageName))
            && (wildcard.getSuperBound() == null
                || isVisibleFrom(wildcard.getSuperBound(), packageName));
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        return isVisibleFrom((TypeElement) declared.asElement(), packageName)
            && declared.getTypeArguments().stream()
                .allMatch(argument -> isVisibleFrom(argument, packageName));
      }
      default -> {
        return true;
      }
    }
  }

  /**
   * Calls {@code action} for every class or interface type that naming {@code type} in source
   * mentions: {@code type} itself, its type arguments, array components and wildcard bounds.
   */
  static void forEachDeclaredType(TypeMirror type, Consumer<DeclaredType> action) {
    switch (type.getKind()) {
      case ARRAY -> forEachDeclaredType(((ArrayType) type).getComponentType(), action);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          forEachDeclaredType(wildcard.getExtendsBound(), action);
        }
        if (wildcard.getSuperBound() != null) {
          forEachDeclaredType(wildcard.getSuperBound(), action);
        }
      }
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        action.accept(declared);
        declared.getTypeArguments().forEach(argument -> forEachDeclaredType(argument, action));
      }
      default -> {}
    }
  }

  private boolean isVisibleFrom(TypeElement type, PackageElement packageName) {
    boolean samePackage = elements.getPackageOf(type).equals(packageName);
    for (Element element = type;
        element.getKind() != ElementKind.PACKAGE;
        element = element.getEnclosingElement()) {
      if (element.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!samePackage && !element.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private TypeMirror erasure(Class<?> type) {
    return types.erasure(elements.getTypeElement(type.getCanonicalName()).asType());
  }
}
