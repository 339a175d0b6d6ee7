package dev.taskwire.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Types;

/**
 * Writes the runner's {@code Target}: a constant per task, named after it, to name the targets of
 * {@code runOnly} and {@code startOnly}.
 *
 * <p>Up to {@link #GROUP_SIZE} tasks it is an enum. An enum's static initializer creates every
 * constant in one method, which the JVM's 64 KB limit on a method's code stops at about 4,000; so a
 * larger pipeline's {@code Target} is a final class with what an enum has ({@code ordinal()},
 * {@code name()}, {@code values()}, {@code valueOf}), and its constants are declared in groups of
 * {@link #GROUP_SIZE} by nested interfaces that it implements: {@code Target.train} reads the same.
 * Each group's initializer reads its constants from one array that {@code Target} fills in a loop.
 * The groups are public, as the constants are, so that reflection reads them as an enum's. What
 * only the language gives an enum, {@code switch} on its constants and {@code EnumSet}, such a
 * {@code Target} does not have.
 */
final class TargetWriter {
  /** The most tasks whose {@code Target} is an enum, and the most constants in one group. */
  static final int GROUP_SIZE = 1_000;

  private final Types types;

  TargetWriter(Types types) {
    this.types = types;
  }

  /** {@code Target}: an enum, or a class whose constants its groups declare. */
  TypeSpec target(ResolvedPipeline model) {
    return hasGroups(model) ? targetClass(model) : targetEnum(model);
  }

  /** The interfaces that declare {@code Target}'s constants, if it is not an enum. */
  List<TypeSpec> groups(ResolvedPipeline model) {
    List<TypeSpec> groups = new ArrayList<>();
    if (hasGroups(model)) {
      String values = memberNames(model).get(0);
      for (int from = 0; from < model.tasks().size(); from += GROUP_SIZE) {
        groups.add(group(model, values, from));
      }
    }
    return groups;
  }

  private static boolean hasGroups(ResolvedPipeline model) {
    return model.tasks().size() > GROUP_SIZE;
  }

  private static ClassName groupName(ResolvedPipeline model, int from) {
    int to = Math.min(from + GROUP_SIZE, model.tasks().size()) - 1;
    return model.runner().nestedClass("Targets" + from + "To" + to);
  }

  /**
   * The names of {@code Target}'s array of constants and of its ordinal field: they hide the
   * constants it inherits, so they must not be task names.
   */
  private static List<String> memberNames(ResolvedPipeline model) {
    NameAllocator names = new NameAllocator();
    model.tasks().forEach(task -> names.newName(task.name(), task));
    return List.of(names.newName("VALUES"), names.newName("ordinal"));
  }

  /** One constant per task, named after it, in the graph's order: its ordinal is its index. */
  private TypeSpec targetEnum(ResolvedPipeline model) {
    TypeSpec.Builder target =
        TypeSpec.enumBuilder(model.runner().nestedClass("Target"))
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                """
                The tasks of {@link $T}, to name the targets of {@code runOnly} and
                {@code startOnly}.
                """,
                model.pipeline());
    for (ResolvedTask task : model.tasks()) {
      target.addEnumConstant(
          task.name(),
          TypeSpec.anonymousClassBuilder("").addJavadoc(constantJavadoc(model, task)).build());
    }
    return target.build();
  }

  private TypeSpec targetClass(ResolvedPipeline model) {
    ClassName runner = model.runner();
    ClassName target = runner.nestedClass("Target");
    List<String> members = memberNames(model);
    String values = members.get(0);
    String ordinal = members.get(1);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(target)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                """
                The tasks of {@link $T}, to name the targets of {@code runOnly} and
                {@code startOnly}: a constant per task, named after it, as in an enum.

                <p>An enum would create its $L constants in one method, more code than the JVM
                allows in one; they are declared in groups of $L by {@link $N} and the
                interfaces after it instead, and read as {@code Target.$N} all the same. Unlike
                an enum's, they cannot be the labels of a {@code switch}.
                """,
                model.pipeline(),
                model.tasks().size(),
                GROUP_SIZE,
                groupName(model, 0).simpleName(),
                model.tasks().get(0).name());
    for (int from = 0; from < model.tasks().size(); from += GROUP_SIZE) {
      type.addSuperinterface(groupName(model, from));
    }
    type.addField(
            FieldSpec.builder(
                    ArrayTypeName.of(target),
                    values,
                    Modifier.PRIVATE,
                    Modifier.STATIC,
                    Modifier.FINAL)
                .initializer(
                    "$T.range(0, $T.GRAPH.size())$Z.mapToObj($T::new)$Z.toArray($T[]::new)",
                    IntStream.class,
                    runner,
                    target,
                    target)
                .build())
        .addField(int.class, ordinal, Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(int.class, ordinal)
                .addStatement("this.$N = $N", ordinal, ordinal)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("ordinal")
                .addModifiers(Modifier.PUBLIC)
                .returns(int.class)
                .addJavadoc(
                    "The task's number in {@link $T#GRAPH}, its position in declaration order.\n",
                    runner)
                .addStatement("return $N", ordinal)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("name")
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc("The task's name.\n")
                .addStatement("return $T.GRAPH.name($N)", runner, ordinal)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc("The task's name.\n")
                .addStatement("return name()")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("values")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ArrayTypeName.of(target))
                .addJavadoc("A constant per task, in declaration order.\n")
                .addStatement("return $N.clone()", values)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("valueOf")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(target)
                .addParameter(String.class, "name")
                .addJavadoc(
                    """
                    The constant of the task named {@code name}.

                    @throws IllegalArgumentException if no task has that name
                    """)
                .addStatement(
                    "int task = $T.GRAPH.indexOf($T.requireNonNull(name, $S))",
                    runner,
                    Objects.class,
                    "name")
                .beginControlFlow("if (task < 0)")
                .addStatement(
                    "throw new $T($S + name + $S)",
                    IllegalArgumentException.class,
                    "no task named '",
                    "' in " + model.canonicalName())
                .endControlFlow()
                .addStatement("return $N[task]", values)
                .build());
    return type.build();
  }

  /** {@code Targets1000To1999}: the constants of the tasks from number {@code from}. */
  private TypeSpec group(ResolvedPipeline model, String values, int from) {
    ClassName target = model.runner().nestedClass("Target");
    List<ResolvedTask> tasks =
        model.tasks().subList(from, Math.min(from + GROUP_SIZE, model.tasks().size()));
    TypeSpec.Builder group =
        TypeSpec.interfaceBuilder(groupName(model, from))
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                """
                The constants of {@link $T} for tasks $L to $L, which it inherits: name them
                through it, as {@code Target.$N}.
                """,
                target,
                from,
                from + tasks.size() - 1,
                tasks.get(0).name());
    for (ResolvedTask task : tasks) {
      group.addField(
          FieldSpec.builder(target, task.name(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(constantJavadoc(model, task))
              .initializer("$T.$N[$L]", target, values, task.index())
              .build());
    }
    return group.build();
  }

  private CodeBlock constantJavadoc(ResolvedPipeline model, ResolvedTask task) {
    return CodeBlock.of("Task {@link $L}.\n", GeneratedFiles.methodLink(types, model, task));
  }
}
