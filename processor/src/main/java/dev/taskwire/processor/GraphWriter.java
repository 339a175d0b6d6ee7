package dev.taskwire.processor;

import static dev.taskwire.processor.RuntimeNames.GRAPH_BUILDER;
import static dev.taskwire.processor.RuntimeNames.GRAPH_TABLE;
import static dev.taskwire.processor.RuntimeNames.TASK_GRAPH;
import static dev.taskwire.processor.RuntimeNames.TASK_KIND;
import static dev.taskwire.processor.RuntimeNames.TASK_POLICY;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the runner's {@code GRAPH}: the pipeline as data, one {@code .task(...)} per task with its
 * name, kind and dependencies and {@code .returning} what its method produces, then what applies of
 * {@code .acceptingFailureOf}, {@code .acceptingElementOutcomesOf}, {@code .forEach}, {@code
 * .dispatched} and {@code .with(policy)}. The runtime schedules from this table.
 */
final class GraphWriter {
  private final Distribution distribution;

  /** Task name to the fingerprint of its code, which result stores file results under. */
  private final Map<String, String> codeFingerprints;

  GraphWriter(Distribution distribution, Map<String, String> codeFingerprints) {
    this.distribution = distribution;
    this.codeFingerprints = codeFingerprints;
  }

  /**
   * {@code GRAPH}: built by one chain of calls, or by {@code graph()} for a pipeline split into
   * chunks.
   */
  FieldSpec graphField(ResolvedPipeline model, Chunks chunks) {
    CodeBlock initializer;
    if (chunks.split()) {
      initializer = CodeBlock.of("graph()");
    } else {
      CodeBlock.Builder chain =
          CodeBlock.builder().add("$T.builder($S)$>$>", GRAPH_TABLE, model.canonicalName());
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
            """
            The dependency graph of {@link $T}, for tools: its tasks in declaration order,
            the kind of each and what each one depends on. Every run shares it.
            """,
            model.pipeline())
        .initializer(initializer)
        .build();
  }

  /**
   * {@code graph()} of a pipeline split into chunks: each chunk's class adds its own tasks, so that
   * no method holds them all.
   */
  MethodSpec graphMethod(ResolvedPipeline model, Chunks chunks) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("graph")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(TASK_GRAPH)
            .addJavadoc(
                "Builds {@link #GRAPH}: the class of each chunk of $L tasks adds its own, as one"
                    + " method\ncould not hold them all.\n",
                chunks.size())
            .addStatement(
                "$T graph = $T.builder($S)", GRAPH_BUILDER, GRAPH_TABLE, model.canonicalName());
    if (distribution.any()) {
      method.addStatement("graph.fingerprint($S)", distribution.fingerprint());
    }
    for (int from : chunks.starts()) {
      method.addStatement("$N.addTo(graph)", chunks.className(from));
    }
    return method.addStatement("return graph.build()").build();
  }

  /**
   * {@code static void addTo(GraphBuilder graph)} of the chunk that starts at task {@code from}.
   */
  MethodSpec addToMethod(Chunks chunks, int from) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("addTo")
            .addModifiers(Modifier.STATIC)
            .addParameter(GRAPH_BUILDER, "graph");
    for (ResolvedTask task : chunks.tasks(from)) {
      method.addStatement("graph.task($L", taskArguments(task));
    }
    return method.build();
  }

  /**
   * {@code "train", TaskKind.ASYNC, "uploadTrain"}, then {@code .dispatched()}, {@code
   * .limit(name)} and {@code .with(policy)} if they apply, then {@code .code(fingerprint)}.
   */
  private CodeBlock taskArguments(ResolvedTask task) {
    CodeBlock.Builder arguments =
        CodeBlock.builder().add("$S, $T.$L", task.name(), TASK_KIND, task.kind().name());
    for (ResolvedDependency dependency : task.dependencies()) {
      arguments.add(",$W$S", dependency.upstreamName());
    }
    arguments.add(")").add(returning(task));
    // acceptingElementOutcomesOf implies acceptingFailureOf: a name is listed in one of them.
    List<String> elementOutcomes =
        task.dependencies().stream()
            .filter(ResolvedDependency::elementOutcomes)
            .map(ResolvedDependency::upstreamName)
            .distinct()
            .toList();
    List<String> accepted =
        task.dependencies().stream()
            .filter(ResolvedDependency::outcome)
            .map(ResolvedDependency::upstreamName)
            .filter(name -> !elementOutcomes.contains(name))
            .distinct()
            .toList();
    if (!accepted.isEmpty()) {
      arguments.add("\n$>$>.acceptingFailureOf($L)$<$<", names(accepted));
    }
    if (!elementOutcomes.isEmpty()) {
      arguments.add("\n$>$>.acceptingElementOutcomesOf($L)$<$<", names(elementOutcomes));
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
    if (settings.limit() != null) {
      arguments.add("\n$>$>.limit($S)$<$<", settings.limit());
    }
    if (!settings.isNone()) {
      // One setting a line: TaskPolicy.none()\n.timeout(...)\n.retries(...)
      CodeBlock.Builder policy = CodeBlock.builder().add("$T.none()$>$>", TASK_POLICY);
      if (settings.timeout() != null) {
        policy.add("\n.timeout($L)", duration(settings.timeout()));
      }
      if (settings.retries() > 0) {
        policy.add("\n.retries($L)", settings.retries());
        if (settings.backoff() != null) {
          policy.add(
              "\n.backoff($L, $L)",
              duration(settings.backoff().initial()),
              duration(settings.backoff().max()));
        }
        if (!settings.retryOn().isEmpty()) {
          policy.add("\n.retryOn(");
          for (int i = 0; i < settings.retryOn().size(); i++) {
            policy.add(i == 0 ? "$T.class" : ", $T.class", TypeName.get(settings.retryOn().get(i)));
          }
          policy.add(")");
        }
      }
      if (settings.oneAttemptAtATime()) {
        policy.add("\n.oneAttemptAtATime(true)");
      }
      arguments.add("\n$>$>.with($L)$<$<", policy.add("$<$<").build());
    }
    String code = codeFingerprints.get(task.name());
    if (code != null) {
      arguments.add("\n$>$>.code($S)$<$<", code);
    }
    // The caller's ".task(" is closed here, so that ".with(...)" can follow it.
    return arguments.build();
  }

  /** {@code "a", "b"}. */
  private static CodeBlock names(List<String> names) {
    return names.stream().map(name -> CodeBlock.of("$S", name)).collect(CodeBlock.joining(", "));
  }

  /**
   * {@code .returning(Model.class, "app.Weights")}: what the task's method produces and what that
   * may hold, which a result read back from a store or another JVM is checked against; nothing for
   * a task without a result.
   */
  private CodeBlock returning(ResolvedTask task) {
    SerialTypes serial = distribution.serialTypes();
    TypeName produced = serial.resultTypes().get(task.name());
    if (produced == null) {
      return CodeBlock.of("");
    }
    CodeBlock.Builder returning = CodeBlock.builder().add(".returning($T.class", produced);
    for (String holds : serial.resultHolds().get(task.name())) {
      returning.add(", $S", holds);
    }
    return returning.add(")").build();
  }

  /** The simplest {@code Duration} factory call that states {@code duration} exactly. */
  private static CodeBlock duration(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      long seconds = nanos / 1_000_000_000L;
      return seconds % 60 == 0
          ? CodeBlock.of("$T.ofMinutes($L)", Duration.class, seconds / 60)
          : CodeBlock.of("$T.ofSeconds($L)", Duration.class, seconds);
    }
    return nanos % 1_000_000L == 0
        ? CodeBlock.of("$T.ofMillis($L)", Duration.class, nanos / 1_000_000L)
        : CodeBlock.of("$T.ofNanos($L)", Duration.class, nanos);
  }
}
