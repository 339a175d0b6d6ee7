package dev.taskwire.processor;

import static dev.taskwire.processor.RuntimeNames.FAILURE_POLICY;
import static dev.taskwire.processor.RuntimeNames.PIPELINE_EXCEPTION;
import static dev.taskwire.processor.RuntimeNames.PIPELINE_RUN;
import static dev.taskwire.processor.RuntimeNames.RUN_OPTIONS;
import static dev.taskwire.processor.RuntimeNames.RUN_TEMPLATE;
import static dev.taskwire.processor.RuntimeNames.TASK_GRAPH;
import static dev.taskwire.processor.RuntimeNames.TASK_INVOKER;
import static dev.taskwire.processor.RuntimeNames.TASK_KIND;
import static dev.taskwire.processor.RuntimeNames.TASK_POLICY;

import com.google.auto.common.GeneratedAnnotations;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.taskwire.runtime.TaskKind;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Filer;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Stage three: writes {@code FooRunner}. The graph is data (a {@code TaskGraph} built once) and
 * each task gets one small typed call, so all policy stays in the runtime and the file stays short
 * enough to read. Large pipelines are split into methods of {@link #CHUNK} tasks each, far below
 * the JVM's 64 KB limit per method.
 */
final class RunnerWriter {
  static final int CHUNK = 100;
  private static final int MAX_TASKS_IN_JAVADOC = 40;

  private final Filer filer;
  private final Elements elements;
  private final Types types;
  private final SourceVersion sourceVersion;
  private final Distribution distribution;

  RunnerWriter(
      Filer filer,
      Elements elements,
      Types types,
      SourceVersion sourceVersion,
      Distribution distribution) {
    this.filer = filer;
    this.elements = elements;
    this.types = types;
    this.sourceVersion = sourceVersion;
    this.distribution = distribution;
  }

  void write(ResolvedPipeline model) throws IOException {
    javaFile(model).writeTo(filer);
    writeGraphPicture(model);
  }

  /**
   * Writes {@code FooRunner.mmd} beside the runner's class: the graph is known at compile time, so
   * a build can publish its picture without running anything.
   */
  private void writeGraphPicture(ResolvedPipeline model) throws IOException {
    dev.taskwire.runtime.TaskGraph.Builder graph =
        dev.taskwire.runtime.TaskGraph.builder(model.canonicalName());
    for (ResolvedTask task : model.tasks()) {
      graph.task(
          task.name(),
          task.kind(),
          task.dependencies().stream()
              .map(ResolvedDependency::upstreamName)
              .toArray(String[]::new));
      task.forEach()
          .ifPresent(each -> graph.forEach(each.upstreamName(), task.settings().maxConcurrency()));
    }
    javax.tools.FileObject resource =
        filer.createResource(
            javax.tools.StandardLocation.CLASS_OUTPUT,
            model.runner().packageName(),
            model.runner().simpleName() + ".mmd",
            model.type());
    try (java.io.Writer writer = resource.openWriter()) {
      writer.write(graph.build().toMermaid());
    }
  }

  JavaFile javaFile(ResolvedPipeline model) {
    ClassName runner = model.runner();
    ClassName results = runner.nestedClass("Results");
    ClassName execution = runner.nestedClass("Execution");
    TypeSpec.Builder type =
        TypeSpec.classBuilder(runner)
            .addOriginatingElement(model.type())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addJavadoc(classJavadoc(model))
            .addField(graphField(model))
            .addField(model.pipeline(), "pipeline", Modifier.PRIVATE, Modifier.FINAL)
            .addField(
                FieldSpec.builder(RUN_TEMPLATE, "template", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc(
                        "What every run shares: the graph, the calls of the task methods"
                            + " and the options.\n")
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
                    .addStatement(
                        "this.template = $T.of(GRAPH, $L, options)",
                        RUN_TEMPLATE,
                        model.hasFanOut()
                            ? CodeBlock.of(
                                "$T.withElements(this::invoke, this::invokeEach)", TASK_INVOKER)
                            : CodeBlock.of("this::invoke"))
                    .build())
            .addMethod(runMethod(results))
            .addMethod(startMethod(execution))
            .addMethod(runOnlyMethod(runner, results))
            .addMethod(startOnlyMethod(runner, execution))
            .addMethod(resumeMethod(results))
            .addMethod(partialResultsMethod(results))
            .addMethod(
                drawingMethod(
                    "toMermaid",
                    "The graph as a Mermaid flowchart; the build also wrote it beside this class, as\n"
                        + "{@code $T.mmd}.\n",
                    runner))
            .addMethod(drawingMethod("toDot", "The graph in Graphviz DOT.\n", null));
    generatedAnnotation(elements, sourceVersion).ifPresent(type::addAnnotation);
    List<String> suppressed = RunnerLint.suppressedWarnings(model, elements);
    if (!suppressed.isEmpty()) {
      AnnotationSpec.Builder suppress = AnnotationSpec.builder(SuppressWarnings.class);
      suppressed.forEach(warning -> suppress.addMember("value", "$S", warning));
      type.addAnnotation(suppress.build());
    }
    type.alwaysQualify(RunnerLint.shadowedJavaLangNames(model, elements));
    if (model.tasks().size() > CHUNK) {
      type.addMethod(graphMethod(model));
      for (int from = 0; from < model.tasks().size(); from += CHUNK) {
        type.addMethod(addTasksMethod(model, from));
      }
    }
    type.addMethods(invokeMethods(model));
    if (model.hasFanOut()) {
      type.addMethod(invokeEachMethod(model));
    }
    type.addMethod(targetIndicesMethod(runner));
    type.addType(targetType(model, runner));
    ResultsWriter accessors = new ResultsWriter(types);
    type.addType(accessors.resultsType(model, results));
    type.addType(accessors.executionType(model, execution, results));
    return JavaFile.builder(runner.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ---- the graph ----

  private FieldSpec graphField(ResolvedPipeline model) {
    CodeBlock initializer;
    if (model.tasks().size() > CHUNK) {
      initializer = CodeBlock.of("graph()");
    } else {
      CodeBlock.Builder chain =
          CodeBlock.builder().add("$T.builder($S)$>$>", TASK_GRAPH, model.canonicalName());
      if (distribution.any()) {
        chain.add("\n.fingerprint($S)", distribution.fingerprint());
      }
      for (ResolvedTask task : model.tasks()) {
        chain.add("\n.task($L", taskArguments(task));
      }
      initializer = chain.add("\n.build()$<$<").build();
    }
    return FieldSpec.builder(TASK_GRAPH, "GRAPH", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "The dependency graph of {@link $T}, for tools: its tasks in declaration order,\n"
                + "the kind of each and what each one depends on. Every run shares it.\n",
            model.pipeline())
        .initializer(initializer)
        .build();
  }

  private MethodSpec graphMethod(ResolvedPipeline model) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("graph")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(TASK_GRAPH)
            .addStatement(
                "$T.Builder graph = $T.builder($S)", TASK_GRAPH, TASK_GRAPH, model.canonicalName());
    if (distribution.any()) {
      method.addStatement("graph.fingerprint($S)", distribution.fingerprint());
    }
    for (int from = 0; from < model.tasks().size(); from += CHUNK) {
      method.addStatement("$N(graph)", chunkName("addTasks", model, from));
    }
    return method.addStatement("return graph.build()").build();
  }

  private MethodSpec addTasksMethod(ResolvedPipeline model, int from) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(chunkName("addTasks", model, from))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(TASK_GRAPH.nestedClass("Builder"), "graph");
    for (ResolvedTask task : chunk(model, from)) {
      method.addStatement("graph.task($L", taskArguments(task));
    }
    return method.build();
  }

  /**
   * {@code "train", TaskKind.ASYNC, "uploadTrain"}, then {@code .dispatched()} and {@code
   * .with(policy)} if they apply.
   */
  private CodeBlock taskArguments(ResolvedTask task) {
    CodeBlock.Builder arguments =
        CodeBlock.builder().add("$S, $T.$L", task.name(), TASK_KIND, task.kind().name());
    for (ResolvedDependency dependency : task.dependencies()) {
      arguments.add(", $S", dependency.upstreamName());
    }
    arguments.add(")");
    List<String> accepted =
        task.dependencies().stream()
            .filter(ResolvedDependency::outcome)
            .map(ResolvedDependency::upstreamName)
            .distinct()
            .toList();
    if (!accepted.isEmpty()) {
      arguments.add(
          "\n$>$>.acceptingFailureOf($L)$<$<",
          accepted.stream().map(name -> CodeBlock.of("$S", name)).collect(CodeBlock.joining(", ")));
    }
    task.forEach()
        .ifPresent(
            each ->
                arguments.add(
                    "\n$>$>.forEach($S, $L)$<$<",
                    each.upstreamName(),
                    task.settings().maxConcurrency()));
    if (distribution.isDispatched(task.name())) {
      arguments.add("\n$>$>.dispatched()$<$<");
    }
    TaskSettings settings = task.settings();
    if (!settings.isNone()) {
      // One setting a line: TaskPolicy.none()\n.timeout(...)\n.retries(...)
      CodeBlock.Builder policy = CodeBlock.builder().add("$T.none()$>$>", TASK_POLICY);
      if (settings.timeout() != null) {
        policy.add("\n.timeout($L)", duration(settings.timeout()));
      }
      if (settings.retries() > 0) {
        policy.add("\n.retries($L)", settings.retries());
        if (!settings.hasDefaultBackoff()) {
          policy.add(
              "\n.backoff($L, $L)", duration(settings.backoff()), duration(settings.maxBackoff()));
        }
        if (!settings.retryOn().isEmpty()) {
          policy.add("\n.retryOn(");
          for (int i = 0; i < settings.retryOn().size(); i++) {
            policy.add(i == 0 ? "$T.class" : ", $T.class", TypeName.get(settings.retryOn().get(i)));
          }
          policy.add(")");
        }
      }
      arguments.add("\n$>$>.with($L)$<$<", policy.add("$<$<").build());
    }
    // The caller's ".task(" is closed here, so that ".with(...)" can follow it.
    return arguments.build();
  }

  /** The simplest {@code Duration} factory call that states {@code duration} exactly. */
  private static CodeBlock duration(java.time.Duration duration) {
    long nanos = duration.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      long seconds = nanos / 1_000_000_000L;
      return seconds % 60 == 0
          ? CodeBlock.of("$T.ofMinutes($L)", java.time.Duration.class, seconds / 60)
          : CodeBlock.of("$T.ofSeconds($L)", java.time.Duration.class, seconds);
    }
    return nanos % 1_000_000L == 0
        ? CodeBlock.of("$T.ofMillis($L)", java.time.Duration.class, nanos / 1_000_000L)
        : CodeBlock.of("$T.ofNanos($L)", java.time.Duration.class, nanos);
  }

  // ---- running ----

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
                + "\n@throws $T if the calling thread is interrupted, which cancels the run\n",
            PIPELINE_EXCEPTION,
            java.util.concurrent.CancellationException.class)
        .addStatement("return new $T(template.run())", results)
        .build();
  }

  private static MethodSpec runOnlyMethod(ClassName runner, ClassName results) {
    return targetsMethod("runOnly", "run", runner, results)
        .addJavadoc(
            "Runs only the given tasks and the tasks they depend on, directly or not, and waits"
                + " until\nthey have finished, as {@link #run()} does. No other task runs; its"
                + " accessor in\n{@code Results} says so.\n"
                + "\n@throws $T if a task failed\n"
                + "@throws $T if the calling thread is interrupted, which cancels the run\n",
            PIPELINE_EXCEPTION,
            java.util.concurrent.CancellationException.class)
        .build();
  }

  private static MethodSpec startOnlyMethod(ClassName runner, ClassName execution) {
    return targetsMethod("startOnly", "start", runner, execution)
        .addJavadoc(
            "Starts only the given tasks and the tasks they depend on, and returns at" + " once.\n")
        .build();
  }

  /** {@code X runOnly(Target target, Target... moreTargets)}, calling {@code template.run}. */
  private static MethodSpec.Builder targetsMethod(
      String name, String runMethod, ClassName runner, ClassName returned) {
    ClassName target = runner.nestedClass("Target");
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(returned)
        .addParameter(target, "target")
        .addParameter(ArrayTypeName.of(target), "moreTargets")
        .varargs(true)
        .addStatement(
            "return new $T(template.$N(indices(target, moreTargets)))", returned, runMethod);
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
        .addStatement("return new $T(template.resume(failure))", results)
        .build();
  }

  /** One constant per task, named after it, in the graph's order: its ordinal is its index. */
  private TypeSpec targetType(ResolvedPipeline model, ClassName runner) {
    TypeSpec.Builder target =
        TypeSpec.enumBuilder(runner.nestedClass("Target"))
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                "The tasks of {@link $T}, to name the targets of {@code runOnly} and\n"
                    + "{@code startOnly}.\n",
                model.pipeline());
    for (ResolvedTask task : model.tasks()) {
      target.addEnumConstant(
          task.name(),
          TypeSpec.anonymousClassBuilder("")
              .addJavadoc("Task {@link $L}.\n", methodLink(types, model, task))
              .build());
    }
    return target.build();
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
                + "{@link $T#KEEP_GOING}, which runs every task that does not depend on a failure."
                + "\nAn accessor of a task that did not succeed throws {@link"
                + " IllegalStateException} saying why.\n"
                + "\n@throws IllegalArgumentException if {@code failure} did not come from a run"
                + " of this pipeline\n",
            FAILURE_POLICY)
        .addStatement("return new $T($T.of(failure, GRAPH))", results, PIPELINE_RUN)
        .build();
  }

  private MethodSpec startMethod(ClassName execution) {
    return MethodSpec.methodBuilder("start")
        .addModifiers(Modifier.PUBLIC)
        .returns(execution)
        .addJavadoc("Starts every task and returns at once, without waiting for any to finish.\n")
        .addStatement("return new $T(template.start())", execution)
        .build();
  }

  private List<MethodSpec> invokeMethods(ResolvedPipeline model) {
    TypeName thrown = thrownType(model.tasks());
    MethodSpec.Builder invoke =
        invokeSignature("invoke", thrown)
            .addJavadoc(
                "Calls task number {@code task} with the results of the tasks it depends on.\n");
    if (model.tasks().size() <= CHUNK) {
      invoke.addCode(taskSwitch(model, 0));
      return List.of(invoke.build());
    }
    CodeBlock.Builder dispatch = CodeBlock.builder().add("return switch (task / $L) {\n$>", CHUNK);
    for (int from = 0; from < model.tasks().size(); from += CHUNK) {
      dispatch.add("case $L -> $N(task, run);\n", from / CHUNK, chunkName("invoke", model, from));
    }
    dispatch.add(
        "default -> throw new $T($S + task);\n$<};\n",
        IllegalArgumentException.class,
        "no task number ");
    List<MethodSpec> methods = new java.util.ArrayList<>();
    methods.add(invoke.addCode(dispatch.build()).build());
    for (int from = 0; from < model.tasks().size(); from += CHUNK) {
      methods.add(
          invokeSignature(chunkName("invoke", model, from), thrown)
              .addCode(taskSwitch(model, from))
              .build());
    }
    return methods;
  }

  private static MethodSpec.Builder invokeSignature(String name, TypeName thrown) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PRIVATE)
            .returns(Object.class)
            .addParameter(int.class, "task")
            .addParameter(PIPELINE_RUN, "run");
    if (thrown != null) {
      method.addException(thrown);
    }
    return method;
  }

  private CodeBlock taskSwitch(ResolvedPipeline model, int from) {
    CodeBlock.Builder code = CodeBlock.builder().add("return switch (task) {\n$>");
    List<ResolvedTask> tasks = chunk(model, from);
    for (int offset = 0; offset < tasks.size(); offset++) {
      ResolvedTask task = tasks.get(offset);
      if (!task.isFanOut()) {
        addCase(code, model, from + offset, task);
      }
    }
    return code.add(
            "default -> throw new $T($S + task);\n$<};\n",
            IllegalArgumentException.class,
            "no task number ")
        .build();
  }

  /** {@code case 3 -> pipeline.train(...);}, or a case that dispatches the call if it may. */
  private void addCase(
      CodeBlock.Builder code, ResolvedPipeline model, int index, ResolvedTask task) {
    CodeBlock call = call(model, task);
    if (distribution.isDispatched(task.name())) {
      code.add(dispatchingCase(model, task, index, call));
    } else if (task.kind() == TaskKind.VOID) {
      code.add("case $L -> {\n$>$L;\nyield null;\n$<}\n", index, call);
    } else {
      code.add("case $L -> $L;\n", index, call);
    }
  }

  /** The calls of the tasks that run for each element, with the element as an argument. */
  private MethodSpec invokeEachMethod(ResolvedPipeline model) {
    List<ResolvedTask> fanOuts = model.tasks().stream().filter(ResolvedTask::isFanOut).toList();
    CodeBlock.Builder code = CodeBlock.builder().add("return switch (task) {\n$>");
    for (ResolvedTask task : fanOuts) {
      addCase(code, model, task.index(), task);
    }
    code.add(
        "default -> throw new $T($S + task);\n$<};\n",
        IllegalArgumentException.class,
        "no fan-out task number ");
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("invokeEach")
            .addModifiers(Modifier.PRIVATE)
            .returns(Object.class)
            .addParameter(int.class, "task")
            .addParameter(Object.class, "element")
            .addParameter(PIPELINE_RUN, "run")
            .addJavadoc(
                "Calls task number {@code task} for one {@code element} of the result it runs"
                    + " for each of.\n")
            .addCode(code.build());
    TypeName thrown = thrownType(fanOuts);
    if (thrown != null) {
      method.addException(thrown);
    }
    return method.build();
  }

  /**
   * A {@code @Distributed} task: sent to the run's dispatcher with the same arguments when the run
   * has one, called here otherwise.
   */
  private CodeBlock dispatchingCase(
      ResolvedPipeline model, ResolvedTask task, int index, CodeBlock call) {
    CodeBlock dispatch =
        CodeBlock.of(
            "run.dispatch($L, $L, new $T[] {$L})",
            index,
            task.isStatic() ? "null" : "pipeline",
            Object.class,
            arguments(model, task));
    if (task.kind() == TaskKind.VOID) {
      return CodeBlock.of(
          "case $L -> {\n$>if (run.isDispatching()) {\n$>yield $L;\n$<}\n$L;\nyield null;\n$<}\n",
          index,
          dispatch,
          call);
    }
    return CodeBlock.of(
        "case $L -> run.isDispatching()\n$>$>? $L\n: $L;\n$<$<", index, dispatch, call);
  }

  /**
   * {@code pipeline.train(run.<Dataset>value(0))}: the witness is the upstream's own type. An
   * {@code Outcome<X>} parameter gets {@code run.<X>outcome(0)}, X being a supertype of it.
   */
  private CodeBlock call(ResolvedPipeline model, ResolvedTask task) {
    CodeBlock.Builder call =
        task.isStatic()
            ? CodeBlock.builder().add("$T.$N(", model.pipeline(), task.name())
            : CodeBlock.builder().add("pipeline.$N(", task.name());
    return call.add(arguments(model, task)).add(")").build();
  }

  /** The task's arguments, read from the run, separated by commas. */
  private CodeBlock arguments(ResolvedPipeline model, ResolvedTask task) {
    CodeBlock.Builder call = CodeBlock.builder();
    for (int i = 0; i < task.dependencies().size(); i++) {
      ResolvedDependency dependency = task.dependencies().get(i);
      TypeName witness = TypeName.get(dependency.readType()).box();
      call.add(i == 0 ? "" : ", ");
      if (dependency.outcome()) {
        call.add("run.<$T>outcome($L)", witness, dependency.upstream());
      } else if (dependency.each()) {
        call.add("$T.<$T>element(element)", PIPELINE_RUN, witness);
      } else {
        call.add("run.<$T>value($L)", witness, dependency.upstream());
      }
    }
    return call.build();
  }

  /** The narrowest throws clause that covers every task method: none, Exception or Throwable. */
  private TypeName thrownType(List<ResolvedTask> tasks) {
    TypeMirror exception = elements.getTypeElement("java.lang.Exception").asType();
    TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    boolean checked = false;
    for (ResolvedTask task : tasks) {
      for (TypeMirror thrown : task.method().getThrownTypes()) {
        if (!types.isSubtype(thrown, exception) && !types.isSubtype(thrown, error)) {
          return TypeName.get(Throwable.class);
        }
        checked |= !types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error);
      }
    }
    return checked ? TypeName.get(Exception.class) : null;
  }

  // ---- documentation ----

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

  /** {@code Pipeline#train(Dataset) train}, with erased parameter types as javadoc needs. */
  static CodeBlock methodLink(Types types, ResolvedPipeline model, ResolvedTask task) {
    CodeBlock.Builder link = CodeBlock.builder().add("$T#$N(", model.pipeline(), task.name());
    List<? extends VariableElement> parameters = task.method().getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      link.add(i == 0 ? "$T" : ", $T", TypeName.get(types.erasure(parameters.get(i).asType())));
    }
    return link.add(") $N", task.name()).build();
  }

  /** {@code @Generated("dev.taskwire.processor.TaskProcessor")}, where the JDK has it. */
  static java.util.Optional<AnnotationSpec> generatedAnnotation(
      Elements elements, SourceVersion sourceVersion) {
    return GeneratedAnnotations.generatedAnnotation(elements, sourceVersion)
        .map(
            generated ->
                AnnotationSpec.builder(ClassName.get(generated))
                    .addMember("value", "$S", TaskProcessor.class.getCanonicalName())
                    .build());
  }

  private static List<ResolvedTask> chunk(ResolvedPipeline model, int from) {
    return model.tasks().subList(from, Math.min(from + CHUNK, model.tasks().size()));
  }

  private static String chunkName(String prefix, ResolvedPipeline model, int from) {
    int to = Math.min(from + CHUNK, model.tasks().size()) - 1;
    return prefix + from + "To" + to;
  }
}
