package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;

import dev.taskwire.processor.Corpus.Compiled;
import dev.taskwire.processor.Corpus.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Corpus scenarios about result and parameter types: what the runner must spell out, and what a
 * parameter may or may not accept. A mismatch is reported on the parameter's {@code @DependsOn}.
 */
class CorpusTypesTest {
  /**
   * The user silenced the raw types in their class; the runner, which must spell them out, does the
   * same instead of raising the warnings again.
   */
  @Test
  @Scenario("RawTypes")
  void rawResultTypes() {
    Compiled scenario = Corpus.compile("RawTypes");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.RawTypesRunner"))
        .contains("@SuppressWarnings({\n    \"rawtypes\",\n    \"unchecked\"\n})");
    Object results = scenario.run("corpus.RawTypesRunner", "corpus.RawTypes");
    assertThat(call(results, "size")).isEqualTo(2);
    assertThat(call(results, "first")).isEqualTo("a");
  }

  @Test
  @Scenario("WildcardTypes")
  void wildcardResultsAndParameters() throws Exception {
    Compiled scenario = Corpus.compile("WildcardTypes");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.WildcardTypesRunner", "corpus.WildcardTypes");
    assertThat(call(results, "sum")).isEqualTo(5.5);
    assertThat(results.getClass().getMethod("numbers").getGenericReturnType().getTypeName())
        .isEqualTo("java.util.List<? extends java.lang.Number>");
  }

  @Test
  @Scenario("WildcardTypeMismatch")
  void listOfWildcardIntoListOfNumber() {
    Compiled scenario = Corpus.compile("WildcardTypeMismatch");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "parameter numbers of task size has type java.util.List<java.lang.Number>, which"
                + " cannot accept the result of task numbers (java.util.List<? extends"
                + " java.lang.Number>)")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"numbers\") List<Number> numbers");
  }

  @Test
  @Scenario("ArrayResults")
  void arrayResults() throws Exception {
    Compiled scenario = Corpus.compile("ArrayResults");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.ArrayResultsRunner", "corpus.ArrayResults");
    assertThat(call(results, "summary")).isEqualTo("2:3:x");
    assertThat(results.getClass().getMethod("grid").getReturnType()).isEqualTo(String[][].class);
  }

  @Test
  @Scenario("VarargsParameter")
  void arrayIntoVarargsParameter() {
    Compiled scenario = Corpus.compile("VarargsParameter");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.VarargsParameterRunner", "corpus.VarargsParameter");
    assertThat(call(results, "join")).isEqualTo("a-b-c");
  }

  @Test
  @Scenario("VarargsParameterOfElementType")
  void singleValueIntoVarargsParameter() {
    Compiled scenario = Corpus.compile("VarargsParameterOfElementType");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "parameter parts of task join has type java.lang.String[], which cannot accept the"
                + " result of task part (java.lang.String)")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"part\") String... parts");
  }

  @Test
  @Scenario("DeeplyNestedGenerics")
  void deeplyNestedGenerics() throws Exception {
    Compiled scenario = Corpus.compile("DeeplyNestedGenerics");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run("corpus.DeeplyNestedGenericsRunner", "corpus.DeeplyNestedGenerics");
    assertThat(call(results, "lookup")).isEqualTo("[x][y]");
    String nested =
        "java.util.Map<java.lang.String, java.util.List<java.util.Map<java.lang.Integer,"
            + " java.util.Set<java.lang.String>>>>";
    assertThat(results.getClass().getMethod("index").getGenericReturnType().getTypeName())
        .isEqualTo(nested);
    assertThat(results.getClass().getMethod("asyncIndex").getGenericReturnType().getTypeName())
        .isEqualTo(nested);
  }

  @Test
  @Scenario("NestedGenericFuture")
  void asyncTaskWithANestedGenericResult() throws Exception {
    Compiled scenario = Corpus.compile("NestedGenericFuture");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.NestedGenericFutureRunner", "corpus.NestedGenericFuture");
    assertThat(call(results, "first")).isEqualTo("a2");
    assertThat(results.getClass().getMethod("fetch").getGenericReturnType().getTypeName())
        .isEqualTo("java.util.List<java.util.Optional<java.lang.String>>");
  }

  /** {@code ? super String} promises only Object; {@code ? extends CharSequence} a CharSequence. */
  @Test
  @Scenario("CompletionStageOfSuper")
  void completionStageOfWildcards() throws Exception {
    Compiled scenario = Corpus.compile("CompletionStageOfSuper");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run("corpus.CompletionStageOfSuperRunner", "corpus.CompletionStageOfSuper");
    assertThat(call(results, "both")).isEqualTo("s/sb");
    assertThat(results.getClass().getMethod("some").getReturnType()).isEqualTo(Object.class);
    assertThat(results.getClass().getMethod("chars").getReturnType()).isEqualTo(CharSequence.class);
  }

  @Test
  @Scenario("CompletionStageOfSuperIntoString")
  void completionStageOfSuperIntoAString() {
    Compiled scenario = Corpus.compile("CompletionStageOfSuperIntoString");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "parameter some of task length has type java.lang.String, which cannot accept the"
                + " result of task some (java.lang.Object)")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"some\") String some");
  }

  @Test
  @Scenario("LongIntoInt")
  void longResultIntoAnIntParameter() {
    Compiled scenario = Corpus.compile("LongIntoInt");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "parameter total of task half has type int, which cannot accept the result of task"
                + " total (long); declare it as long or a supertype of it")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"total\") int total");
  }

  @Test
  @Scenario("IntIntoBoxedLong")
  void intResultIntoALongParameter() {
    Compiled scenario = Corpus.compile("IntIntoBoxedLong");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "parameter count of task twice has type java.lang.Long, which cannot accept the result"
                + " of task count (int)")
        .inFile(scenario.file())
        .onLineContaining("@DependsOn(\"count\") Long count");
  }

  @Test
  @Scenario("BoxingAndWidening")
  void wideningBoxingAndUnboxing() {
    Compiled scenario = Corpus.compile("BoxingAndWidening");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.BoxingAndWideningRunner", "corpus.BoxingAndWidening");
    assertThat(call(results, "all")).isEqualTo("3,3,4,3,97,a");
  }

  /**
   * A sync task returning java.lang.Void is a value task whose value is always null: it has a
   * Results accessor and dependents may receive it, unlike a void task or an async task with a
   * future of Void. This pins today's behaviour.
   */
  @Test
  @Scenario("VoidClassSyncTask")
  void syncTaskReturningTheVoidClass() throws Exception {
    Compiled scenario = Corpus.compile("VoidClassSyncTask");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.VoidClassSyncTaskRunner", "corpus.VoidClassSyncTask");
    assertThat(call(results, "load")).isEqualTo("rows after [clean]");
    assertThat(results.getClass().getMethod("clean").getReturnType()).isEqualTo(Void.class);
    assertThat(call(results, "clean")).isNull();
  }

  /** Type annotations are not copied into the runner, which needs no annotation types. */
  @Test
  @Scenario("TypeUseAnnotations")
  void typeUseAnnotationsOnResultsAndParameters() {
    Compiled scenario = Corpus.compile("TypeUseAnnotations");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.TypeUseAnnotationsRunner", "corpus.TypeUseAnnotations");
    assertThat(call(results, "join")).isEqualTo("null[a]");
  }

  @Test
  @Scenario("TwoParametersOnOneUpstream")
  void threeParametersReceiveOneUpstreamThroughDifferentTypes() {
    Compiled scenario = Corpus.compile("TwoParametersOnOneUpstream");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run(
            "corpus.TwoParametersOnOneUpstreamRunner", "corpus.TwoParametersOnOneUpstream");
    assertThat(call(results, "twice")).isEqualTo("rows+rows+rows");
  }

  /** The runner must call a deprecated task and name a deprecated type: without a warning. */
  @Test
  @Scenario("DeprecatedTask")
  void deprecatedTaskAndResultType() {
    Compiled scenario = Corpus.compile("DeprecatedTask");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.DeprecatedTaskRunner"))
        .contains("@SuppressWarnings(\"deprecation\")\npublic final class DeprecatedTaskRunner");
    Object results = scenario.run("corpus.DeprecatedTaskRunner", "corpus.DeprecatedTask");
    assertThat(call(results, "use")).isEqualTo("old!");
  }

  /** javac warns about "removal" even without -Xlint, and "deprecation" does not silence it. */
  @Test
  @Scenario("TaskDeprecatedForRemoval")
  void taskDeprecatedForRemoval() {
    Compiled scenario = Corpus.compile("TaskDeprecatedForRemoval");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.TaskDeprecatedForRemovalRunner"))
        .contains("@SuppressWarnings(\"removal\")");
    Object results =
        scenario.run("corpus.TaskDeprecatedForRemovalRunner", "corpus.TaskDeprecatedForRemoval");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  @Test
  @Scenario("DeprecatedPipelineClass")
  void deprecatedPipelineClass() {
    Compiled scenario = Corpus.compile("DeprecatedPipelineClass");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.DeprecatedPipelineClassRunner"))
        .contains("@SuppressWarnings(\"deprecation\")");
    Object results =
        scenario.run("corpus.DeprecatedPipelineClassRunner", "corpus.DeprecatedPipelineClass");
    assertThat(call(results, "count")).isEqualTo(4);
  }
}
