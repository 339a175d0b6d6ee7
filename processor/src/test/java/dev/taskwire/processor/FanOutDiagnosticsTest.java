package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.compileCleanly;
import static dev.taskwire.processor.Sources.compileFailing;
import static dev.taskwire.processor.Sources.source;

import java.lang.reflect.Field;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @ForEach} and {@code @Task(maxConcurrency)}: checked at compile time, then run. */
class FanOutDiagnosticsTest {
  @Test
  void aFanOutOverSomethingThatIsNoCollection() {
    assertError(
        "ForEachNotACollection",
        "parameter params of task train runs @ForEach over the result of task grid, but grid"
            + " returns java.lang.String, which is neither an Iterable nor an array; return"
            + " the elements to run train for, e.g. List<java.lang.String>, or use @DependsOn"
            + " to receive the result whole",
        "@ForEach(\"grid\") String params");
  }

  @Test
  void anElementTypeTheParameterCannotAccept() {
    assertError(
        "ForEachElementMismatch",
        "parameter params of task train has type java.lang.Integer, which cannot accept the"
            + " elements of task grid (java.lang.String); declare it as java.lang.String or a"
            + " supertype of it",
        "@ForEach(\"grid\") Integer params");
  }

  @Test
  void aFanOutOverATaskThatDoesNotExistNamesTheAnnotation() {
    assertError(
        "ForEachUnknownTask",
        "@ForEach(\"gird\") names no @Task in ForEachUnknownTask; did you mean \"grid\"?",
        "@ForEach(\"gird\") String params");
  }

  @Test
  void twoFanOutsInOneTask() {
    assertError(
        "TwoForEach",
        "task train runs @ForEach over both models and seeds; a task fans out over one"
            + " collection only (no nested or cross-product fan-outs): add a task that pairs"
            + " the elements, and run @ForEach over its result",
        "@ForEach(\"seeds\") int seed");
  }

  @Test
  void bothAnnotationsOnOneParameter() {
    assertError(
        "ForEachAndDependsOn",
        "parameter params of task train has both @DependsOn and @ForEach; keep @ForEach to"
            + " receive one element per run, or @DependsOn to receive the whole result",
        "@DependsOn(\"grid\") @ForEach(\"grid\") String params");
  }

  @Test
  void anOutcomeCannotBeAnElement() {
    assertError(
        "ForEachOutcome",
        "parameter params of task train is an Outcome, which @ForEach cannot fill: it"
            + " receives one element of a result that succeeded; declare it as the element"
            + " type",
        "@ForEach(\"grid\") Outcome<String> params");
  }

  @Test
  void maxConcurrencyWithoutAFanOut() {
    assertError(
        "MaxConcurrencyWithoutForEach",
        "task train sets maxConcurrency, which limits how many of its elements run at once,"
            + " but it has no @ForEach parameter; remove maxConcurrency or add @ForEach",
        "maxConcurrency = 4");
  }

  @Test
  void aNegativeMaxConcurrency() {
    assertError(
        "NegativeMaxConcurrency",
        "maxConcurrency of task train is -1; give how many of its elements may run at once,"
            + " or 0 for no limit",
        "maxConcurrency = -1");
  }

  /**
   * {@code bad/<file>.java} fails with exactly this one error, on the line containing {@code line}.
   */
  private static void assertError(String file, String message, String line) {
    JavaFileObject source = source("bad/" + file + ".java");
    com.google.testing.compile.CompilationSubject.assertThat(compileFailing(source, 1))
        .hadErrorContaining(message)
        .inFile(source)
        .onLineContaining(line);
  }

  @Test
  void fanOutsCompileWithoutWarningsAndDeclareTheirLimits() {
    String runner = compileCleanly(source("good/FanOuts.java"), "test.FanOutsRunner");
    assertThat(runner)
        .contains(
            ".task(\"length\", TaskKind.VALUE, \"names\").returning(Integer.class)\n"
                + "          .forEach(\"names\", 2)");
    assertThat(runner).contains("case 3 -> pipeline.length(PipelineRun.<String>element(element));");
    assertThat(runner).contains("public List<Integer> length() {");
  }

  @Test
  void fanOutsRunOncePerElementAndTheirDependentsGetTheLists() throws Exception {
    CompiledClasses classes = new CompiledClasses(compile(source("good/FanOuts.java")));
    Object pipeline = classes.construct("test.FanOuts");
    Object results = classes.run("test.FanOutsRunner", pipeline);
    assertThat(call(results, "length")).isEqualTo(List.of(1, 2, 3));
    assertThat(call(results, "doubled")).isEqualTo(List.of(3L, 5L));
    assertThat(call(results, "fetch")).isEqualTo(List.of(">a", ">bb", ">ccc"));
    assertThat(call(results, "summary")).isEqualTo("[1, 2, 3] [3, 5] [[1], [4], [9]]");
    Field logged = pipeline.getClass().getDeclaredField("logged");
    logged.setAccessible(true);
    assertThat((List<?>) logged.get(pipeline)).containsExactly(">a", ">bb", ">ccc");
  }
}
