package dev.taskwire.processor;

import com.google.auto.common.GeneratedAnnotations;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What every source file the processor writes shares: its layout, the {@code @Generated}
 * annotation, and javadoc links back to the user's task methods.
 */
final class GeneratedFiles {
  private GeneratedFiles() {}

  /** {@code type} in {@code packageName}, indented by two, with no imports of java.lang. */
  static JavaFile javaFile(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }

  /** {@code @Generated("dev.taskwire.processor.TaskProcessor")}, where the JDK has it. */
  static Optional<AnnotationSpec> generatedAnnotation(
      Elements elements, SourceVersion sourceVersion) {
    return GeneratedAnnotations.generatedAnnotation(elements, sourceVersion)
        .map(
            generated ->
                AnnotationSpec.builder(ClassName.get(generated))
                    .addMember("value", "$S", TaskProcessor.class.getCanonicalName())
                    .build());
  }

  /**
   * {@code Pipeline#train(com.example.Dataset) train}, with erased parameter types as javadoc
   * needs. They are named in full rather than imported: a type the runner names only in javadoc
   * would be an unused import to Eclipse's compiler.
   */
  static CodeBlock methodLink(Types types, ResolvedPipeline model, ResolvedTask task) {
    CodeBlock.Builder link = CodeBlock.builder().add("$T#$N(", model.pipeline(), task.name());
    List<? extends VariableElement> parameters = task.method().getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      TypeName type = TypeName.get(types.erasure(parameters.get(i).asType()));
      link.add(i == 0 ? "$L" : ", $L", javadocName(type, model.pipeline().packageName()));
    }
    return link.add(") $N", task.name()).build();
  }

  /** {@code String}, {@code Model} (in the runner's package), or {@code java.util.List}. */
  private static String javadocName(TypeName type, String runnerPackage) {
    if (type instanceof ArrayTypeName array) {
      return javadocName(array.componentType(), runnerPackage) + "[]";
    }
    if (type instanceof ClassName name
        && (name.packageName().equals("java.lang") || name.packageName().equals(runnerPackage))) {
      return String.join(".", name.simpleNames());
    }
    return type.toString();
  }
}
