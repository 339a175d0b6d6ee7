package dev.taskwire.processor;

import static dev.taskwire.processor.RuntimeNames.OUTCOME;
import static dev.taskwire.processor.RuntimeNames.PIPELINE_EXCEPTION;
import static dev.taskwire.processor.RuntimeNames.PIPELINE_RUN;
import static java.util.stream.Collectors.toSet;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Types;

/**
 * Writes the runner's nested {@code Results} (one typed accessor per task with a result, and {@code
 * trainOutcomes()} per fan-out task {@code train} with one) and {@code Execution} (a future per
 * task, {@code await()}, {@code cancel()}, {@code isDone()}).
 */
final class ResultsWriter {
  private final Types types;

  ResultsWriter(Types types) {
    this.types = types;
  }

  TypeSpec resultsType(ResolvedPipeline model, ClassName results) {
    Set<String> taskNames = model.tasks().stream().map(ResolvedTask::name).collect(toSet());
    // A task named trainOutcomes has that accessor already: then train's outcomes get none.
    Set<String> withOutcomes =
        model.tasks().stream()
            .filter(task -> task.isFanOut() && task.hasResult())
            .map(ResolvedTask::name)
            .filter(name -> !taskNames.contains(outcomesName(name)))
            .collect(toSet());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(results)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                "The results of a finished run of {@link $T}:\none accessor per task that"
                    + " returns a value$L.\n",
                model.pipeline(),
                !withOutcomes.isEmpty()
                    ? ", and for one that runs for each element, one for the\noutcome of each"
                        + " element"
                    : "")
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
      if (withOutcomes.contains(task.name())) {
        type.addMethod(elementOutcomesMethod(model, task));
      }
    }
    return type.build();
  }

  /**
   * {@code trainOutcomes}: the accessor of each element's outcome of fan-out task {@code train}.
   */
  private static String outcomesName(String task) {
    return task + "Outcomes";
  }

  /**
   * {@code List<Outcome<Score>> trainOutcomes()}, which unlike {@code train()} also reads a fan-out
   * that failed.
   */
  private MethodSpec elementOutcomesMethod(ResolvedPipeline model, ResolvedTask task) {
    // A fan-out's result is the List of its elements' results.
    TypeName elementResult = TypeName.get(((DeclaredType) task.result()).getTypeArguments().get(0));
    return MethodSpec.methodBuilder(outcomesName(task.name()))
        .addModifiers(Modifier.PUBLIC)
        .returns(
            ParameterizedTypeName.get(
                ClassName.get(List.class), ParameterizedTypeName.get(OUTCOME, elementResult)))
        .addJavadoc(
            "The outcome of each element of {@link $L},\nin input order: a success with its"
                + " result, or a failure with its exception.\n",
            GeneratedFiles.methodLink(types, model, task))
        .addJavadoc(
            "\n<p>Unlike {@link #$N()}, it also reads a run in which $N failed: on\n{@link"
                + " $T#partialResults partialResults} of a run under {@code KEEP_GOING},\nit gives"
                + " the elements that succeeded and the failures of the others. An element that"
                + " did\nnot run, because the run stopped, is a failure with a {@code"
                + " CancellationException}.\n",
            task.name(),
            task.name(),
            model.runner())
        .addJavadoc(
            "\n@throws IllegalStateException if $N never reached its elements: it did not run,"
                + " or it\n    failed before it had any\n",
            task.name())
        .addStatement("return run.elementOutcomes($L)", task.index())
        .build();
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
