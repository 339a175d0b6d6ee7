package dev.taskwire.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code callClasses(task)} of {@code FooRemoteTasks}: per dispatched task, the classes its
 * pipeline object and arguments may hold, which a member reads the call through. Tasks with the
 * same list share one case.
 */
final class CallClassesWriter {
  private CallClassesWriter() {}

  static MethodSpec method(Distribution distribution, String pipelineName) {
    Map<Set<String>, List<String>> tasksByClasses = new LinkedHashMap<>();
    distribution
        .serialTypes()
        .callClasses()
        .forEach(
            (task, classes) ->
                tasksByClasses.computeIfAbsent(classes, unused -> new ArrayList<>()).add(task));
    CodeBlock.Builder body = CodeBlock.builder().add("return switch (task) {\n$>");
    tasksByClasses.forEach(
        (classes, tasks) -> {
          body.add("case ");
          for (int i = 0; i < tasks.size(); i++) {
            body.add(i == 0 ? "$S" : ", $S", tasks.get(i));
          }
          body.add(" -> $T.of(", Set.class);
          List<String> sorted = List.copyOf(new TreeSet<>(classes));
          for (int i = 0; i < sorted.size(); i++) {
            body.add(i == 0 ? "$S" : ", $S", sorted.get(i));
          }
          body.add(");\n");
        });
    body.add(
        "default -> throw new $T($S + task + $S);\n$<};\n",
        IllegalArgumentException.class,
        "no @Distributed task '",
        "' in " + pipelineName);
    return MethodSpec.methodBuilder("callClasses")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(Set.class, String.class))
        .addParameter(String.class, "task")
        .addCode(body.build())
        .build();
  }
}
