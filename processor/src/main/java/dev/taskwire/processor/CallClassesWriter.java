package dev.taskwire.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code callClasses(task)} of {@code FooRemoteTasks}: per dispatched task, the classes its
 * pipeline object and arguments may hold, which a member reads the call through. Tasks with the
 * same list share one case. A split pipeline, whose cases would not fit in one method, finds the
 * task's number through the runner's graph and asks the task's chunk, as {@code call} does.
 */
final class CallClassesWriter {
  private static final TypeName SET_OF_STRING = ParameterizedTypeName.get(Set.class, String.class);

  private CallClassesWriter() {}

  /**
   * {@code callClasses(String task)}: a switch on the name, or on the chunk of a split pipeline.
   */
  static MethodSpec method(
      ResolvedPipeline model, Distribution distribution, Chunks chunks, CodeBlock unknownTask) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("callClasses")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(SET_OF_STRING)
            .addParameter(String.class, "task");
    if (!chunks.split()) {
      return method
          .addCode(
              switchOn(
                  distribution,
                  model.tasks(),
                  task -> CodeBlock.of("$S", task.name()),
                  unknownTask))
          .build();
    }
    return method
        .addCode(
            RemoteTasksWriter.byChunk(
                model, distribution, chunks, unknownTask, "callClasses(index)"))
        .build();
  }

  /** {@code static Set<String> callClasses(int task)} of one chunk, by task number. */
  static MethodSpec ofChunk(Distribution distribution, List<ResolvedTask> tasks) {
    return MethodSpec.methodBuilder("callClasses")
        .addModifiers(Modifier.STATIC)
        .returns(SET_OF_STRING)
        .addParameter(int.class, "task")
        .addCode(
            switchOn(
                distribution,
                tasks,
                task -> CodeBlock.of("$L", task.index()),
                CodeBlock.of(
                    "new $T($S + task)",
                    IllegalArgumentException.class,
                    "no @Distributed task number ")))
        .build();
  }

  /** {@code return switch (task) { case a, b -> Set.of(...); ... default -> throw ...; };}. */
  private static CodeBlock switchOn(
      Distribution distribution,
      List<ResolvedTask> tasks,
      Function<ResolvedTask, CodeBlock> label,
      CodeBlock unknownTask) {
    Map<String, Set<String>> callClasses = distribution.serialTypes().callClasses();
    Map<Set<String>, List<CodeBlock>> labelsByClasses = new LinkedHashMap<>();
    for (ResolvedTask task : tasks) {
      Set<String> classes = callClasses.get(task.name());
      if (classes != null) {
        labelsByClasses
            .computeIfAbsent(classes, unused -> new ArrayList<>())
            .add(label.apply(task));
      }
    }
    CodeBlock.Builder body = CodeBlock.builder().add("return switch (task) {\n$>");
    labelsByClasses.forEach(
        (classes, labels) -> {
          body.add("case $L -> $T.of(", CodeBlock.join(labels, ", "), Set.class);
          List<String> sorted = List.copyOf(new TreeSet<>(classes));
          for (int i = 0; i < sorted.size(); i++) {
            body.add(i == 0 ? "$S" : ",$W$S", sorted.get(i));
          }
          body.add(");\n");
        });
    return body.add("default -> throw $L;\n$<};\n", unknownTask).build();
  }
}
