package dev.taskwire.processor;

import static dev.taskwire.processor.RuntimeNames.FAILURE_POLICY;
import static dev.taskwire.processor.RuntimeNames.PIPELINE_EXCEPTION;
import static dev.taskwire.processor.RuntimeNames.PIPELINE_RUN;
import static dev.taskwire.processor.RuntimeNames.RUN_OPTIONS;
import static dev.taskwire.processor.RuntimeNames.RUN_TEMPLATE;
import static dev.taskwire.processor.RuntimeNames.RUN_TEMPLATES;
import static dev.taskwire.processor.RuntimeNames.SUPPLIED_VALUES;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.taskwire.runtime.TaskKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import javax.annotation.processing.Filer;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Stage three: writes {@code FooRunner}, its class and public methods, and puts together what the
 * other writers make of it: {@link GraphWriter} the graph as data (a {@code TaskGraph} built once),
 * {@link InvokerWriter} one small typed call per task, {@link ResultsWriter} the typed {@code
 * Results} and {@code Execution}, {@link TargetWriter} the {@code Target} constants. A large
 * pipeline is split into classes of a chunk of tasks each ({@link Chunks}). All policy stays in the
 * runtime, and the file stays short enough to read.
 */
final class RunnerWriter {
  private static final int MAX_TASKS_IN_JAVADOC = 40;

  private final Filer filer;
  private final Elements elements;
  private final Types types;
  private final SourceVersion sourceVersion;
  private final Distribution distribution;
  private final Map<String, String> codeFingerprints;

  RunnerWriter(
      Filer filer,
      Elements elements,
      Types types,
      SourceVersion sourceVersion,
      Distribution distribution,
      Map<String, String> codeFingerprints) {
    this.filer = filer;
    this.elements = elements;
    this.types = types;
    this.sourceVersion = sourceVersion;
    this.distribution = distribution;
    this.codeFingerprints = codeFingerprints;
  }

  void write(ResolvedPipeline model) throws IOException {
    javaFile(model).writeTo(filer);
  }

  JavaFile javaFile(ResolvedPipeline model) {
    Chunks chunks = Chunks.of(model, distribution);
    GraphWriter graph = new GraphWriter(distribution, codeFingerprints);
    InvokerWriter invoker = new InvokerWriter(elements, types, distribution);
    ClassName runner = model.runner();
    ClassName results = runner.nestedClass("Results");
    ClassName execution = runner.nestedClass("Execution");
    TypeSpec.Builder type =
        TypeSpec.classBuilder(runner)
            .addOriginatingElement(model.type())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(classJavadoc(model))
            .addField(graph.graphField(model, chunks))
            .addField(
                FieldSpec.builder(
                        RUN_TEMPLATES,
                        "TEMPLATES",
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .addJavadoc(
                        "What the runs of one {@link $T} share, made once per options: the graph,"
                            + " the calls of\nthe task methods and the options.\n",
                        RUN_OPTIONS)
                    .initializer("new $T(GRAPH, $L)", RUN_TEMPLATES, invoker.invoker(model))
                    .build())
            .addField(model.pipeline(), "pipeline", Modifier.PRIVATE, Modifier.FINAL)
            .addField(
                FieldSpec.builder(RUN_TEMPLATE, "template", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc(
                        "The template of this runner's options, shared with every runner built"
                            + " with them.\n")
                    .build())
            .addField(
                FieldSpec.builder(SUPPLIED_VALUES, "supplied", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc(
                        "The values its runs are given instead of running their tasks; null for"
                            + " none.\n")
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc(
                        "Creates a runner for {@code pipeline} with {@link $T#defaults()}.\n",
                        RUN_OPTIONS)
                    .addParameter(model.pipeline(), "pipeline")
                    .addStatement("this(pipeline, $T.defaults())", RUN_OPTIONS)
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc(
                        "Creates a runner for {@code pipeline} that runs with {@code options}.\n")
                    .addParameter(model.pipeline(), "pipeline")
                    .addParameter(RUN_OPTIONS, "options")
                    .addStatement(
                        "this.pipeline = $T.requireNonNull(pipeline, $S)",
                        Objects.class,
                        "pipeline")
                    .addStatement("this.template = TEMPLATES.forOptions(options)")
                    .addStatement("this.supplied = null")
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(model.pipeline(), "pipeline")
                    .addParameter(RUN_TEMPLATE, "template")
                    .addParameter(SUPPLIED_VALUES, "supplied")
                    .addStatement("this.pipeline = pipeline")
                    .addStatement("this.template = template")
                    .addStatement("this.supplied = supplied")
                    .build())
            .addMethod(runMethod(results))
            .addMethod(startMethod(execution))
            .addMethod(runOnlyMethod(runner, results))
            .addMethod(startOnlyMethod(runner, execution))
            .addMethods(new WhatIfWriter(types).methods(model))
            .addMethod(resumeMethod(results))
            .addMethod(partialResultsMethod(results))
            .addMethod(
                drawingMethod(
                    "toMermaid",
                    """
                    The graph as a Mermaid flowchart; the build also wrote it beside this class, as
                    {@code $T.mmd}.
                    """,
                    runner))
            .addMethod(drawingMethod("toDot", "The graph in Graphviz DOT.\n", null));
    GeneratedFiles.generatedAnnotation(elements, sourceVersion).ifPresent(type::addAnnotation);
    List<String> suppressed = RunnerLint.suppressedWarnings(model, elements);
    if (!suppressed.isEmpty()) {
      AnnotationSpec.Builder suppress = AnnotationSpec.builder(SuppressWarnings.class);
      suppressed.forEach(warning -> suppress.addMember("value", "$S", warning));
      type.addAnnotation(suppress.build());
    }
    type.alwaysQualify(RunnerLint.shadowedJavaLangNames(model, elements));
    if (chunks.split()) {
      type.addMethod(graph.graphMethod(model, chunks));
    }
    type.addMethods(invoker.methods(model, chunks));
    type.addMethod(targetIndicesMethod(runner));
    TargetWriter targets = new TargetWriter(types);
    type.addType(targets.target(model));
    ResultsWriter accessors = new ResultsWriter(types);
    type.addType(accessors.resultsType(model, results));
    type.addType(accessors.executionType(model, execution, results));
    type.addTypes(targets.groups(model));
    if (chunks.split()) {
      for (int from : chunks.starts()) {
        type.addType(chunkType(model, chunks, from, graph, invoker));
      }
    }
    return GeneratedFiles.javaFile(runner.packageName(), type.build());
  }

  private MethodSpec runMethod(ClassName results) {
    return MethodSpec.methodBuilder("run")
        .addModifiers(Modifier.PUBLIC)
        .returns(results)
        .addJavadoc(
            "Runs every task and waits until all have finished. Each task starts as soon as the"
                + " tasks it\ndepends on have finished; independent tasks run at the same time."
                + " While it waits, the\ncalling thread runs ready tasks itself; call"
                + " {@code start().await()} to run every task\non the executor instead.\n"
                + "\n@return the result of every task that returns one"
                + "\n@throws $T if a task failed: it names the first failed task and carries"
                + "\n    its exception as the cause; tasks that depend on a failed task do not run"
                + "\n@throws $L if the calling thread is"
                + "\n    interrupted while it waits or between two tasks, which cancels the run. An"
                + "\n    interrupt status that a task leaves set on this thread cancels nothing: it"
                + "\n    is cleared for the next task and set again when this method returns\n",
            PIPELINE_EXCEPTION,
            CancellationException.class.getName())
        .addStatement("return new $T(template.run(pipeline, supplied))", results)
        .build();
  }

  private static MethodSpec runOnlyMethod(ClassName runner, ClassName results) {
    return targetsMethod("runOnly", runner, results)
        .addJavadoc(
            "Runs only the given tasks and the tasks they depend on, directly or not, and waits"
                + " until\nthey have finished, as {@link #run()} does. No other task runs; its"
                + " accessor in\n{@code Results} says so.\n"
                + "\n@throws $T if a task failed\n"
                + "@throws $L if the calling thread\n    is interrupted, as {@link #run()} says\n",
            PIPELINE_EXCEPTION,
            CancellationException.class.getName())
        .build();
  }

  private static MethodSpec startOnlyMethod(ClassName runner, ClassName execution) {
    return targetsMethod("startOnly", runner, execution)
        .addJavadoc(
            "Starts only the given tasks and the tasks they depend on, and returns at" + " once.\n")
        .build();
  }

  /** {@code X runOnly(Target target, Target... moreTargets)}, calling the template's namesake. */
  private static MethodSpec.Builder targetsMethod(
      String name, ClassName runner, ClassName returned) {
    ClassName target = runner.nestedClass("Target");
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(returned)
        .addParameter(target, "target")
        .addParameter(ArrayTypeName.of(target), "moreTargets")
        .varargs(true)
        .addStatement(
            "return new $T(template.$N(pipeline, supplied, indices(target, moreTargets)))",
            returned,
            name);
  }

  private static MethodSpec resumeMethod(ClassName results) {
    return MethodSpec.methodBuilder("resume")
        .addModifiers(Modifier.PUBLIC)
        .returns(results)
        .addParameter(PIPELINE_EXCEPTION, "failure")
        .addJavadoc(
            "Runs again what the run that threw {@code failure} left undone, and waits: every"
                + " task that\nfailed, was cancelled or did not run, and every task downstream of"
                + " one. Each other task\nkeeps its result from that run and does not run again."
                + " A resumed {@link #runOnly}\nruns only its own targets.\n"
                + "\n@throws $T if a task failed again; it can be resumed in turn"
                + "\n@throws IllegalArgumentException if {@code failure} did not come from a run"
                + " of this pipeline\n",
            PIPELINE_EXCEPTION)
        .addStatement("return new $T(template.resume(pipeline, failure))", results)
        .build();
  }

  /**
   * {@code Tasks300To599}: the part of the graph and the calls of one chunk of a split pipeline, in
   * a class of its own so that the runner's constant pool does not grow with the tasks.
   */
  private static TypeSpec chunkType(
      ResolvedPipeline model, Chunks chunks, int from, GraphWriter graph, InvokerWriter invoker) {
    List<ResolvedTask> tasks = chunks.tasks(from);
    return TypeSpec.classBuilder(model.runner().nestedClass(chunks.className(from)))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "Tasks $L ($L) to $L ($L): their part of {@link $T#GRAPH} and their calls.\n",
            from,
            tasks.get(0).name(),
            from + tasks.size() - 1,
            tasks.get(tasks.size() - 1).name(),
            model.runner())
        .addMethod(graph.addToMethod(chunks, from))
        .addMethods(invoker.chunkMethods(model, chunks, from))
        .build();
  }

  private static MethodSpec targetIndicesMethod(ClassName runner) {
    ClassName target = runner.nestedClass("Target");
    return MethodSpec.methodBuilder("indices")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(int[].class)
        .addParameter(target, "target")
        .addParameter(ArrayTypeName.of(target), "moreTargets")
        .addStatement("int[] indices = new int[moreTargets.length + 1]")
        .addStatement("indices[0] = target.ordinal()")
        .beginControlFlow("for (int i = 0; i < moreTargets.length; i++)")
        .addStatement("indices[i + 1] = moreTargets[i].ordinal()")
        .endControlFlow()
        .addStatement("return indices")
        .build();
  }

  private static MethodSpec drawingMethod(String name, String javadoc, ClassName runner) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(String.class)
        .addJavadoc(javadoc, runner == null ? new Object[0] : new Object[] {runner})
        .addStatement("return GRAPH.$N()", name)
        .build();
  }

  private MethodSpec partialResultsMethod(ClassName results) {
    return MethodSpec.methodBuilder("partialResults")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(results)
        .addParameter(PIPELINE_EXCEPTION, "failure")
        .addJavadoc(
            "The results of a run that failed, for the tasks that succeeded: useful with\n"
                + "{@link $L#KEEP_GOING}, which runs every task that does not depend on a failure."
                + "\nAn accessor of a task that did not succeed throws {@link"
                + " IllegalStateException} saying why.\n"
                + "\n@throws IllegalArgumentException if {@code failure} did not come from a run"
                + " of this pipeline\n",
            // Named in full: an import used only in javadoc is an unused import to Eclipse.
            FAILURE_POLICY.canonicalName())
        .addStatement("return new $T($T.of(failure, GRAPH))", results, PIPELINE_RUN)
        .build();
  }

  private MethodSpec startMethod(ClassName execution) {
    return MethodSpec.methodBuilder("start")
        .addModifiers(Modifier.PUBLIC)
        .returns(execution)
        .addJavadoc("Starts every task and returns at once, without waiting for any to finish.\n")
        .addStatement("return new $T(template.start(pipeline, supplied))", execution)
        .build();
  }

  private CodeBlock classJavadoc(ResolvedPipeline model) {
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "Runs the tasks of {@link $T}.\n\n<p>Each task starts as soon as the tasks it"
                    + " depends on have finished, and\nindependent tasks run at the same time.\n\n",
                model.pipeline())
            .add("<pre>{@code\n");
    List<ResolvedTask> tasks = model.tasks();
    for (ResolvedTask task : tasks.subList(0, Math.min(tasks.size(), MAX_TASKS_IN_JAVADOC))) {
      doc.add("$L", task.name());
      if (task.kind() == TaskKind.ASYNC) {
        doc.add(" (async)");
      }
      if (!task.dependencies().isEmpty()) {
        doc.add(
            " <- $L",
            String.join(
                ", ",
                task.dependencies().stream()
                    .map(ResolvedDependency::upstreamName)
                    .distinct()
                    .toList()));
      }
      doc.add("\n");
    }
    if (tasks.size() > MAX_TASKS_IN_JAVADOC) {
      doc.add("... and $L more tasks\n", tasks.size() - MAX_TASKS_IN_JAVADOC);
    }
    return doc.add("}</pre>\n\n")
        .add("<p>Generated by taskwire from {@link $T}; do not edit.\n", model.pipeline())
        .build();
  }
}
