package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compileWith;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import dev.taskwire.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * What {@link GraphValidator} hands the writers: each dependency carries its upstream task's
 * number, result type and, for a {@code @ForEach}, the element type, so that no writer looks
 * anything up.
 */
class ResolvedPipelineTest {
  /**
   * Runs the collector and the validator on each pipeline class and describes the resolved model in
   * text, since its types only mean something while javac runs.
   */
  @SupportedAnnotationTypes("dev.taskwire.Task")
  static final class Resolver extends AbstractProcessor {
    final List<String> lines = new ArrayList<>();

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      Set<TypeElement> pipelines = new LinkedHashSet<>();
      for (Element method : round.getElementsAnnotatedWith(Task.class)) {
        pipelines.add((TypeElement) method.getEnclosingElement());
      }
      for (TypeElement pipeline : pipelines) {
        Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
        ResultTypes resultTypes =
            new ResultTypes(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
        PipelineModel model =
            new PipelineCollector(processingEnv.getElementUtils(), resultTypes, diagnostics)
                .collect(pipeline)
                .orElseThrow();
        Optional<ResolvedPipeline> resolved =
            new GraphValidator(resultTypes, diagnostics).validate(model);
        if (resolved.isEmpty()) {
          lines.add("nothing resolved");
        }
        resolved.ifPresent(this::describe);
      }
      return false;
    }

    private void describe(ResolvedPipeline pipeline) {
      for (ResolvedTask task : pipeline.tasks()) {
        lines.add(
            String.format("%d %s %s -> %s", task.index(), task.name(), task.kind(), task.result()));
        for (ResolvedDependency dependency : task.dependencies()) {
          lines.add(
              String.format(
                  "  <- %d %s (%s)%s%s%s, reads %s",
                  dependency.upstream(),
                  dependency.upstreamName(),
                  dependency.upstreamResult(),
                  dependency.outcome() ? ", outcome of " + dependency.received() : "",
                  dependency.elementOutcomes()
                      ? ", outcome of each element as " + dependency.received()
                      : "",
                  dependency.each() ? ", each " + dependency.element() : "",
                  dependency.readType()));
        }
      }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }
  }

  @Test
  void dependenciesCarryTheirUpstreamNumberAndTheTypesTheRunnerReads() {
    Resolver resolver = new Resolver();
    Compilation compilation = compileWith(List.of(resolver), source("good/FanOutAndOutcome.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(resolver.lines)
        .containsExactly(
            "0 names VALUE -> java.util.List<java.lang.String>",
            "1 limit ASYNC -> java.lang.Integer",
            "2 length VALUE -> java.util.List<java.lang.Integer>",
            "  <- 0 names (java.util.List<java.lang.String>), each java.lang.String,"
                + " reads java.lang.String",
            "3 report VALUE -> java.lang.String",
            "  <- 2 length (java.util.List<java.lang.Integer>),"
                + " reads java.util.List<java.lang.Integer>",
            "  <- 1 limit (java.lang.Integer), outcome of java.lang.Number,"
                + " reads java.lang.Number")
        .inOrder();
  }

  /**
   * A {@code List<Outcome<X>>} of a fan-out reads X, as an {@code Outcome<X>} does; of a task that
   * is no fan-out, or of a fan-out whose elements are Outcomes, the result whole.
   */
  @Test
  void listsOfOutcomesReadEachElementsOutcomeOnlyFromAFanOut() {
    Resolver resolver = new Resolver();
    Compilation compilation = compileWith(List.of(resolver), source("good/ElementOutcomes.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(resolver.lines)
        .containsAtLeast(
            "2 lengths VALUE -> java.lang.String",
            "  <- 1 length (java.util.List<java.lang.Integer>), outcome of each element as"
                + " java.lang.Integer, reads java.lang.Integer",
            "3 numbers VALUE -> java.lang.String",
            "  <- 1 length (java.util.List<java.lang.Integer>), outcome of each element as"
                + " java.lang.Number, reads java.lang.Number",
            "  <- 1 length (java.util.List<java.lang.Integer>), outcome of"
                + " java.util.List<java.lang.Integer>, reads java.util.List<java.lang.Integer>",
            "5 checked VALUE -> java.lang.String",
            "  <- 4 checks (java.util.List<dev.taskwire.runtime.Outcome<java.lang.String>>),"
                + " reads java.util.List<dev.taskwire.runtime.Outcome<java.lang.String>>",
            "7 triedAll VALUE -> java.lang.String",
            "  <- 6 tried (java.util.List<dev.taskwire.runtime.Outcome<java.lang.String>>),"
                + " reads java.util.List<dev.taskwire.runtime.Outcome<java.lang.String>>")
        .inOrder();
  }

  @Test
  void aGraphWithAnErrorResolvesToNothing() {
    Resolver resolver = new Resolver();
    Compilation compilation = compileWith(List.of(resolver), source("bad/CycleOfTwo.java"));
    assertThat(compilation).hadErrorContaining("dependency cycle: first -> second -> first");
    assertThat(resolver.lines).containsExactly("nothing resolved");
  }
}
