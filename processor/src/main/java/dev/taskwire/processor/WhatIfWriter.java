package dev.taskwire.processor;

import static dev.taskwire.processor.RuntimeNames.SUPPLIED_VALUES;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Types;

/**
 * Writes the runner's what-if methods: {@code withTrain(Model value)} per task with a result,
 * returning a runner whose runs are given that value instead of running the task. Typed like the
 * task's result, so a wrong value is a compile error in the user's code.
 */
final class WhatIfWriter {
  private final Types types;

  WhatIfWriter(Types types) {
    this.types = types;
  }

  /** {@code withTrain} for task {@code train}. */
  static String methodName(String task) {
    return "with" + task.substring(0, 1).toUpperCase(Locale.ROOT) + task.substring(1);
  }

  /**
   * One method per task with a result; of tasks whose names differ only in the first letter's case
   * ({@code load}, {@code Load}), the first declared gets it, and the processor notes the others.
   */
  List<MethodSpec> methods(ResolvedPipeline model) {
    List<MethodSpec> methods = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (ResolvedTask task : model.tasks()) {
      if (!taken.add(methodName(task.name())) || !task.hasResult()) {
        continue;
      }
      methods.add(
          MethodSpec.methodBuilder(methodName(task.name()))
              .addModifiers(Modifier.PUBLIC)
              .returns(model.runner())
              .addParameter(TypeName.get(task.result()), "value")
              .addJavadoc(
                  "A runner whose runs are given {@code value} as the result of\n{@link $L}"
                      + " instead of running it (a what-if run): the tasks that\ndepend on it"
                      + " receive {@code value}, and the tasks that only it needs do not run"
                      + " either.\nThis runner is unchanged.\n",
                  GeneratedFiles.methodLink(types, model, task))
              .addStatement(
                  "return new $T(pipeline, template, $T.with(supplied, $L, value))",
                  model.runner(),
                  SUPPLIED_VALUES,
                  task.index())
              .build());
    }
    return methods;
  }
}
