package dev.taskwire.processor;

import static dev.taskwire.processor.RuntimeNames.PIPELINE_EXCEPTION;
import static dev.taskwire.processor.RuntimeNames.PIPELINE_RUN;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Types;

/**
 * Writes the runner's nested {@code Results} (one typed accessor per task with a result) and {@code
 * Execution} (a future per task, {@code await()}, {@code cancel()}, {@code isDone()}).
 */
final class ResultsWriter {
  private final Types types;

  ResultsWriter(Types types) {
    this.types = types;
  }

  TypeSpec resultsType(ResolvedPipeline model, ClassName results) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(results)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                "The results of a finished run of {@link $T}:\none accessor per task that"
                    + " returns a value.\n",
                model.pipeline())
            .addField(PIPELINE_RUN, "run", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(runConstructor());
    for (ResolvedTask task : model.tasks()) {
      if (!task.hasResult()) {
        continue;
      }
      TypeName result = TypeName.get(task.result());
      type.addMethod(
          MethodSpec.methodBuilder(task.name())
              .addModifiers(Modifier.PUBLIC)
              .returns(result)
              .addJavadoc(
                  "The result of {@link $L}.\n", GeneratedFiles.methodLink(types, model, task))
              .addStatement(
                  result.isPrimitive() ? "return run.<$T>value($L)" : "return run.value($L)",
                  result.isPrimitive()
                      ? new Object[] {result.box(), task.index()}
                      : new Object[] {task.index()})
              .build());
    }
    return type.build();
  }

  TypeSpec executionType(ResolvedPipeline model, ClassName execution, ClassName results) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(execution)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                "A run of {@link $T} in progress, returned by {@link $T#start()}: a future per"
                    + "\ntask, {@link #await()} for all results, and {@link #cancel()}.\n",
                model.pipeline(),
                model.runner())
            .addField(PIPELINE_RUN, "run", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(runConstructor());
    for (ResolvedTask task : model.tasks()) {
      TypeName value =
          task.hasResult() ? TypeName.get(task.result()).box() : ClassName.get(Void.class);
      type.addMethod(
          MethodSpec.methodBuilder(task.name())
              .addModifiers(Modifier.PUBLIC)
              .returns(ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), value))
              .addJavadoc(
                  task.hasResult()
                      ? "A future of the result of {@link $L}.\n"
                      : "A future that completes when {@link $L} has run.\n",
                  GeneratedFiles.methodLink(types, model, task))
              .addJavadoc(
                  "\n<p>It completes exceptionally if the task fails, or if the run ends without"
                      + " running it.\nEach call returns a new copy: completing or cancelling it"
                      + " affects nothing else.\n")
              .addStatement("return run.future($L)", task.index())
              .build());
    }
    return type.addMethod(
            MethodSpec.methodBuilder("await")
                .addModifiers(Modifier.PUBLIC)
                .returns(results)
                .addJavadoc(
                    "Waits until the run has finished and no task code of it is running any"
                        + " more.\n\n@throws $T if a task failed"
                        + "\n@throws $L if the run was cancelled, or the waiting thread was"
                        + "\n    interrupted (which cancels the run)\n",
                    PIPELINE_EXCEPTION,
                    // Named in full: an import used only in javadoc is unused to Eclipse.
                    java.util.concurrent.CancellationException.class.getName())
                .addStatement("run.await()")
                .addStatement("return new $T(run)", results)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("cancel")
                .addModifiers(Modifier.PUBLIC)
                .returns(boolean.class)
                .addJavadoc(
                    "Stops the run: no task starts any more, running tasks are interrupted and"
                        + " pending futures\ncancelled. Idempotent and safe from any thread,"
                        + " a task of this run included.\n\n@return whether this call stopped"
                        + " the run (false if it had already ended)\n")
                .addStatement("return run.cancel()")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("isDone")
                .addModifiers(Modifier.PUBLIC)
                .returns(boolean.class)
                .addJavadoc("Whether the run has ended, successfully or not.\n")
                .addStatement("return run.isDone()")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addJavadoc(
                    "The run at this instant, one line per task: waiting for which prerequisites,"
                        + " ready,\nrunning on which thread and in which method, waiting for its"
                        + " future, backing off\nbefore a retry, or how it ended. For a person"
                        + " looking at a run that seems stuck;\nthe format may change.\n")
                .addStatement("return run.toString()")
                .build())
        .build();
  }

  private static MethodSpec runConstructor() {
    return MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(PIPELINE_RUN, "run")
        .addStatement("this.run = run")
        .build();
  }
}
