package dev.taskwire.processor;

import static dev.taskwire.processor.RuntimeNames.PIPELINE_RUN;
import static dev.taskwire.processor.RuntimeNames.PRIMITIVE_ARGUMENTS;
import static dev.taskwire.processor.RuntimeNames.TASK_INVOKER;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.taskwire.runtime.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes the runner's calls of the task methods: {@code invoke(task, run)}, one typed {@code case}
 * per task that reads its arguments from the run, and {@code invokeEach(task, element, run)} for
 * the tasks that run once per element. In a split pipeline both pass each call on to the class of
 * the task's chunk (see {@link Chunks}), whose static methods of the same names hold the cases.
 */
final class InvokerWriter {
  private final Elements elements;
  private final Types types;
  private final Distribution distribution;

  InvokerWriter(Elements elements, Types types, Distribution distribution) {
    this.elements = elements;
    this.types = types;
    this.distribution = distribution;
  }

  /** What the runner hands the runtime as the calls of its tasks. */
  CodeBlock invoker(ResolvedPipeline model) {
    return model.hasFanOut()
        ? CodeBlock.of(
            "$T.withElements($T::invoke, $T::invokeEach)",
            TASK_INVOKER,
            model.runner(),
            model.runner())
        : CodeBlock.of("$T::invoke", model.runner());
  }

  /**
   * {@code invoke}, and {@code invokeEach} if a task fans out; in a split pipeline, they pass each
   * call on to the class of the task's chunk.
   */
  List<MethodSpec> methods(ResolvedPipeline model, Chunks chunks) {
    List<MethodSpec> methods = new ArrayList<>();
    CodeBlock invokeBody;
    CodeBlock invokeEachBody;
    if (chunks.split()) {
      CodeBlock.Builder dispatch = chunkSwitch(chunks);
      CodeBlock.Builder dispatchEach = chunkSwitch(chunks);
      for (int from : chunks.starts()) {
        List<ResolvedTask> tasks = chunks.tasks(from);
        if (!wholeTasks(tasks).isEmpty()) {
          dispatch.add(
              "case $L -> $N.invoke(pipeline, task, run);\n",
              chunks.number(from),
              chunks.className(from));
        }
        if (!fanOuts(tasks).isEmpty()) {
          dispatchEach.add(
              "case $L -> $N.invokeEach(pipeline, task, element, run);\n",
              chunks.number(from),
              chunks.className(from));
        }
      }
      invokeBody = withPipeline(model, endSwitch(dispatch, "no task number "));
      invokeEachBody = withPipeline(model, endSwitch(dispatchEach, "no fan-out task number "));
    } else {
      invokeBody =
          readsPipeline(wholeTasks(model.tasks()))
              ? withPipeline(model, taskSwitch(model, model.tasks()))
              : taskSwitch(model, model.tasks());
      invokeEachBody =
          readsPipeline(fanOuts(model.tasks()))
              ? withPipeline(model, fanOutSwitch(model, model.tasks()))
              : fanOutSwitch(model, model.tasks());
    }
    methods.add(
        invokeSignature(MethodSpec.methodBuilder("invoke"), model.tasks())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addJavadoc(
                "Calls task number {@code task} with the results of the tasks it depends on.\n")
            .addCode(invokeBody)
            .build());
    if (model.hasFanOut()) {
      methods.add(
          invokeEachSignature(MethodSpec.methodBuilder("invokeEach"), fanOuts(model.tasks()))
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addJavadoc(
                  "Calls task number {@code task} for one {@code element} of the result it runs"
                      + " for each of.\n")
              .addCode(invokeEachBody)
              .build());
    }
    return methods;
  }

  /**
   * {@code body} after reading the run's pipeline object: the invoker is shared by every runner of
   * the same options, so the pipeline comes with the run.
   */
  private static CodeBlock withPipeline(ResolvedPipeline model, CodeBlock body) {
    return CodeBlock.builder()
        .addStatement("$T pipeline = run.pipeline()", model.pipeline())
        .add(body)
        .build();
  }

  /** Whether the calls of {@code tasks} need the pipeline object: some task is not static. */
  private static boolean readsPipeline(List<ResolvedTask> tasks) {
    return tasks.stream().anyMatch(task -> !task.isStatic());
  }

  /**
   * The static {@code invoke} and {@code invokeEach} of the chunk that starts at task {@code from},
   * each if the chunk has tasks for it, with the pipeline as their first parameter.
   */
  List<MethodSpec> chunkMethods(ResolvedPipeline model, Chunks chunks, int from) {
    List<ResolvedTask> tasks = chunks.tasks(from);
    List<MethodSpec> methods = new ArrayList<>();
    if (!wholeTasks(tasks).isEmpty()) {
      methods.add(
          invokeSignature(chunkMethod("invoke", model), wholeTasks(tasks))
              .addCode(taskSwitch(model, tasks))
              .build());
    }
    if (!fanOuts(tasks).isEmpty()) {
      methods.add(
          invokeEachSignature(chunkMethod("invokeEach", model), fanOuts(tasks))
              .addCode(fanOutSwitch(model, tasks))
              .build());
    }
    return methods;
  }

  private static MethodSpec.Builder chunkMethod(String name, ResolvedPipeline model) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.STATIC)
        .addParameter(model.pipeline(), "pipeline");
  }

  /** Opens {@code switch (task / 300)}, on the number of the task's chunk. */
  private static CodeBlock.Builder chunkSwitch(Chunks chunks) {
    return CodeBlock.builder().add("return switch (task / $L) {\n$>", chunks.size());
  }

  /** {@code (int task, PipelineRun run)}, and what the calls of {@code tasks} may throw. */
  private MethodSpec.Builder invokeSignature(MethodSpec.Builder method, List<ResolvedTask> tasks) {
    method.returns(Object.class).addParameter(int.class, "task").addParameter(PIPELINE_RUN, "run");
    return addThrown(method, tasks);
  }

  /** {@code (int task, Object element, PipelineRun run)}, and what {@code tasks} may throw. */
  private MethodSpec.Builder invokeEachSignature(
      MethodSpec.Builder method, List<ResolvedTask> tasks) {
    method
        .returns(Object.class)
        .addParameter(int.class, "task")
        .addParameter(Object.class, "element")
        .addParameter(PIPELINE_RUN, "run");
    return addThrown(method, tasks);
  }

  private MethodSpec.Builder addThrown(MethodSpec.Builder method, List<ResolvedTask> tasks) {
    TypeName thrown = thrownType(tasks);
    return thrown == null ? method : method.addException(thrown);
  }

  private static List<ResolvedTask> wholeTasks(List<ResolvedTask> tasks) {
    return tasks.stream().filter(task -> !task.isFanOut()).toList();
  }

  private static List<ResolvedTask> fanOuts(List<ResolvedTask> tasks) {
    return tasks.stream().filter(ResolvedTask::isFanOut).toList();
  }

  /** The cases of the {@code tasks} that run once per run. */
  private CodeBlock taskSwitch(ResolvedPipeline model, List<ResolvedTask> tasks) {
    CodeBlock.Builder code = CodeBlock.builder().add("return switch (task) {\n$>");
    for (ResolvedTask task : wholeTasks(tasks)) {
      addCase(code, model, task);
    }
    return endSwitch(code, "no task number ");
  }

  /** The calls of the {@code tasks} that run for each element, with the element as an argument. */
  private CodeBlock fanOutSwitch(ResolvedPipeline model, List<ResolvedTask> tasks) {
    CodeBlock.Builder code = CodeBlock.builder().add("return switch (task) {\n$>");
    for (ResolvedTask task : fanOuts(tasks)) {
      addCase(code, model, task);
    }
    return endSwitch(code, "no fan-out task number ");
  }

  /** Closes a {@code return switch} with a default that names the task number it did not know. */
  private static CodeBlock endSwitch(CodeBlock.Builder code, String unknown) {
    return code.add(
            "default -> throw new $T($S + task);\n$<};\n", IllegalArgumentException.class, unknown)
        .build();
  }

  /** {@code case 3 -> pipeline.train(...);}, or a case that dispatches the call if it may. */
  private void addCase(CodeBlock.Builder code, ResolvedPipeline model, ResolvedTask task) {
    CodeBlock call = call(model, task);
    if (distribution.isDispatched(task.name())) {
      code.add(dispatchingCase(task, call));
    } else if (task.kind() == TaskKind.VOID) {
      code.add("case $L -> {\n$>$L;\nyield null;\n$<}\n", task.index(), call);
    } else {
      code.add("case $L -> $L;\n", task.index(), call);
    }
  }

  /**
   * A {@code @Distributed} task: sent to the run's dispatcher with the same arguments when the run
   * has one, called here otherwise.
   */
  private CodeBlock dispatchingCase(ResolvedTask task, CodeBlock call) {
    CodeBlock dispatch =
        CodeBlock.of(
            "run.dispatch($L, $L, new $T[] {$L})",
            task.index(),
            task.isStatic() ? "null" : "pipeline",
            Object.class,
            arguments(task));
    if (task.kind() == TaskKind.VOID) {
      return CodeBlock.of(
          "case $L -> {\n$>if (run.isDispatching()) {\n$>yield $L;\n$<}\n$L;\nyield null;\n$<}\n",
          task.index(),
          dispatch,
          call);
    }
    return CodeBlock.of(
        "case $L -> run.isDispatching()\n$>$>? $L\n: $L;\n$<$<", task.index(), dispatch, call);
  }

  /**
   * {@code pipeline.train(run.<Dataset>value(0))}: the witness is the upstream's own type. An
   * {@code Outcome<X>} parameter gets {@code run.<X>outcome(0)}, X being a supertype of it, and a
   * {@code List<Outcome<X>>} of a fan-out's elements {@code run.<X>elementOutcomes(0)}.
   */
  private CodeBlock call(ResolvedPipeline model, ResolvedTask task) {
    CodeBlock.Builder call =
        task.isStatic()
            ? CodeBlock.builder().add("$T.$N(", model.pipeline(), task.name())
            : CodeBlock.builder().add("pipeline.$N(", task.name());
    return call.add(arguments(task)).add(")").build();
  }

  /** The task's arguments, read from the run, separated by commas. */
  private CodeBlock arguments(ResolvedTask task) {
    CodeBlock.Builder call = CodeBlock.builder();
    for (int i = 0; i < task.dependencies().size(); i++) {
      ResolvedDependency dependency = task.dependencies().get(i);
      TypeName witness = TypeName.get(dependency.readType()).box();
      call.add(i == 0 ? "" : ",$W");
      if (dependency.unboxesNullable()) {
        call.add(primitiveArgument(task, dependency));
      } else if (dependency.outcome()) {
        call.add("run.<$T>outcome($L)", witness, dependency.upstream());
      } else if (dependency.elementOutcomes()) {
        call.add(elementOutcomesArgument(task, i, witness, dependency));
      } else if (dependency.each()) {
        call.add("$T.<$T>element(element)", PIPELINE_RUN, witness);
      } else {
        call.add("run.<$T>value($L)", witness, dependency.upstream());
      }
    }
    return call.build();
  }

  /**
   * {@code run.<Score>elementOutcomes(2)}. For a parameter with a wildcard, such as {@code
   * List<Outcome<? extends Score>>}, which no {@code List<Outcome<T>>} is, {@code
   * List.copyOf(run.<Score>elementOutcomes(2))}, typed as the parameter: of the run's list, which
   * is unmodifiable, it makes no copy.
   */
  private static CodeBlock elementOutcomesArgument(
      ResolvedTask task, int parameter, TypeName witness, ResolvedDependency dependency) {
    CodeBlock read = CodeBlock.of("run.<$T>elementOutcomes($L)", witness, dependency.upstream());
    DeclaredType list = (DeclaredType) task.method().getParameters().get(parameter).asType();
    DeclaredType outcome = (DeclaredType) list.getTypeArguments().get(0);
    return outcome.getTypeArguments().get(0).getKind() == TypeKind.WILDCARD
        ? CodeBlock.of("$T.copyOf($L)", List.class, read)
        : read;
  }

  /**
   * {@code PrimitiveArguments.intValue(run, 1, "use", "n")}, or {@code intElement(element, "grid",
   * "use", "n")}: the accessor of the parameter's own primitive type, which widens what it reads as
   * javac would and fails naming both tasks and the parameter if it is null.
   */
  private static CodeBlock primitiveArgument(ResolvedTask task, ResolvedDependency dependency) {
    String type = dependency.received().getKind().name().toLowerCase(Locale.ROOT);
    return dependency.each()
        ? CodeBlock.of(
            "$T.$LElement(element, $S, $S, $S)",
            PRIMITIVE_ARGUMENTS,
            type,
            dependency.upstreamName(),
            task.name(),
            dependency.parameter())
        : CodeBlock.of(
            "$T.$LValue(run, $L, $S, $S)",
            PRIMITIVE_ARGUMENTS,
            type,
            dependency.upstream(),
            task.name(),
            dependency.parameter());
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
}
