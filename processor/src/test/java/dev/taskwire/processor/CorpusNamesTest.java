package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.CompiledClasses.call;

import dev.taskwire.processor.Corpus.Compiled;
import dev.taskwire.processor.Corpus.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus scenarios about names: of tasks (long, not ASCII, odd, many) and of classes that share a
 * simple name with something the runner uses. A runner is a class like any other, so a name can
 * hide another from it; JavaPoet qualifies the names it knows about.
 */
class CorpusNamesTest {
  @Test
  @Scenario("VeryLongTaskName")
  void taskNameOfTwoHundredCharacters() {
    Compiled scenario = Corpus.compile("VeryLongTaskName");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.VeryLongTaskNameRunner", "corpus.VeryLongTaskName");
    String name = "t" + "x".repeat(199);
    assertThat(name).hasLength(200);
    assertThat(call(results, name)).isEqualTo("long");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  /** Tasks named \u03c0 (pi) and donn\u00e9es, and a dependency on each. */
  @Test
  @Scenario("UnicodeTaskNames")
  void taskNamesThatAreNotAscii() {
    Compiled scenario = Corpus.compile("UnicodeTaskNames");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.UnicodeTaskNamesRunner", "corpus.UnicodeTaskNames");
    assertThat(call(results, "\u03c0")).isEqualTo(Math.PI);
    assertThat(call(results, "r\u00e9sum\u00e9")).isEqualTo("rows:3");
  }

  /**
   * Three chunks of the split runner: each task weighs two plus its parameters, 10 for three tasks,
   * and 120 tasks are the most that weigh no more than {@link Chunks#MAX_WEIGHT} in every chunk.
   */
  @Test
  @Scenario("ThreeHundredTasks")
  void threeHundredTasks() {
    Compiled scenario = Corpus.compile("ThreeHundredTasks");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.ThreeHundredTasksRunner"))
        .contains("case 2 -> Tasks240To299.invoke(pipeline, task, run);");
    int[] values = new int[300];
    values[0] = 1;
    for (int i = 1; i < values.length; i++) {
      values[i] = i % 3 == 0 ? values[i - 1] + values[i / 2] : values[i - 1] + 1;
    }
    Object results = scenario.run("corpus.ThreeHundredTasksRunner", "corpus.ThreeHundredTasks");
    assertThat(call(results, "t299")).isEqualTo(values[299]);
  }

  @Test
  @Scenario("UnderscoreAndDollarNames")
  void underscoreAndDollarNames() {
    Compiled scenario = Corpus.compile("UnderscoreAndDollarNames");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run("corpus.UnderscoreAndDollarNamesRunner", "corpus.UnderscoreAndDollarNames");
    assertThat(call(results, "$task")).isEqualTo("d");
    assertThat(call(results, "__")).isEqualTo("ud!");
  }

  /** Different methods, so different tasks, each with its own accessor. */
  @Test
  @Scenario("NamesDifferingOnlyInCase")
  void taskNamesThatDifferOnlyInCase() {
    Compiled scenario = Corpus.compile("NamesDifferingOnlyInCase");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    // load takes withLoad(value), so Load gets no what-if method, and a note says so.
    assertThat(scenario.compilation())
        .hadNoteContaining(
            "task Load gets no what-if method: withLoad(value) of the generated runner is task"
                + " load's; rename one to have both")
        .inFile(scenario.files().get(0))
        .onLineContaining("String Load()");
    String runner =
        Sources.contents(scenario.compilation(), "corpus.NamesDifferingOnlyInCaseRunner");
    assertThat(runner).contains("public NamesDifferingOnlyInCaseRunner withLoad(String value)");
    assertThat(runner).contains("public NamesDifferingOnlyInCaseRunner withLOAD(String value)");
    Object results =
        scenario.run("corpus.NamesDifferingOnlyInCaseRunner", "corpus.NamesDifferingOnlyInCase");
    assertThat(call(results, "load")).isEqualTo("lower");
    assertThat(call(results, "Load")).isEqualTo("upper");
    assertThat(call(results, "LOAD")).isEqualTo("lower+upper");
  }

  /** The runner only calls tasks qualified, so even {@code yield} is fine. */
  @Test
  @Scenario("ContextualKeywordNames")
  void tasksNamedLikeContextualKeywords() {
    Compiled scenario = Corpus.compile("ContextualKeywordNames");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run("corpus.ContextualKeywordNamesRunner", "corpus.ContextualKeywordNames");
    assertThat(call(results, "permits")).isEqualTo("rvys");
  }

  @Test
  @Scenario("PipelineNamedTaskGraph")
  void pipelineNamedLikeTheRuntimesTaskGraph() {
    Compiled scenario = Corpus.compile("PipelineNamedTaskGraph");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.TaskGraphRunner"))
        .contains("public static final dev.taskwire.runtime.TaskGraph GRAPH");
    Object results = scenario.run("corpus.TaskGraphRunner", "corpus.TaskGraph");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  @Test
  @Scenario("PipelineNamedPipelineRun")
  void pipelineNamedLikeTheRuntimesPipelineRun() {
    Compiled scenario = Corpus.compile("PipelineNamedPipelineRun");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.PipelineRunRunner", "corpus.PipelineRun");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  /** Inside ResultsRunner, Results is its nested class; the pipeline is corpus.Results. */
  @Test
  @Scenario("PipelineNamedResults")
  void pipelineNamedLikeTheRunnersResults() {
    Compiled scenario = Corpus.compile("PipelineNamedResults");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "corpus.ResultsRunner"))
        .contains("private final corpus.Results pipeline;");
    Object results = scenario.run("corpus.ResultsRunner", "corpus.Results");
    assertThat(call(results, "count")).isEqualTo(4);
  }

  @Test
  @Scenario("PipelineNamedExecution")
  void pipelineNamedLikeTheRunnersExecutionReturningItself() {
    Compiled scenario = Corpus.compile("PipelineNamedExecution");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    CompiledClasses classes = scenario.classes();
    Object pipeline = classes.construct("corpus.Execution");
    Object results = classes.run("corpus.ExecutionRunner", pipeline);
    assertThat(call(results, "self")).isSameInstanceAs(pipeline);
    assertThat(call(results, "load")).isEqualTo("rows");
  }

  /** Objects, RunOptions and TaskKind of the pipeline's package, beside the runner's imports. */
  @Test
  @Scenario("PipelineNamedLikeImportedTypes")
  void pipelineAndResultsNamedLikeTheRunnersImports() {
    Compiled scenario = Corpus.compile("PipelineNamedLikeImportedTypes");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results = scenario.run("corpus.ObjectsRunner", "corpus.Objects");
    assertThat(call(results, "all")).isEqualTo("all");
  }

  @Test
  @Scenario("ResultTypeNamedResults")
  void resultTypesNamedLikeTheRunnersNestedClasses() {
    Compiled scenario = Corpus.compile("ResultTypeNamedResults");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run("corpus.ResultTypeNamedResultsRunner", "corpus.ResultTypeNamedResults");
    assertThat(call(results, "results").toString()).isEqualTo("corpus.Results");
    assertThat(call(results, "execution").toString()).isEqualTo("corpus.Execution");
  }

  /** The pipeline's own nested Results is NestedClassNamedResults.Results to the runner. */
  @Test
  @Scenario("NestedClassNamedResults")
  void pipelineWithNestedClassesNamedLikeTheRunners() throws Exception {
    Compiled scenario = Corpus.compile("NestedClassNamedResults");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run("corpus.NestedClassNamedResultsRunner", "corpus.NestedClassNamedResults");
    assertThat(call(results, "value")).isEqualTo("mine");
    assertThat(results.getClass().getMethod("results").getReturnType().getName())
        .isEqualTo("corpus.NestedClassNamedResults$Results");
  }

  @Test
  @Scenario("TaskNamedLikeRunnerTypes")
  void tasksNamedLikeTheRunnersClassesAndFields() {
    Compiled scenario = Corpus.compile("TaskNamedLikeRunnerTypes");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    Object results =
        scenario.run("corpus.TaskNamedLikeRunnerTypesRunner", "corpus.TaskNamedLikeRunnerTypes");
    assertThat(call(results, "Results")).isEqualTo("r");
    assertThat(call(results, "invoker")).isEqualTo("reg");
  }

  /**
   * Classes of the pipeline's package hide java.lang's Integer, Object, Exception, ... from the
   * runner too, and JavaPoet does not know them: the runner must qualify those names.
   */
  @Test
  @Scenario("PackageShadowsJavaLangNames")
  void packageWithClassesNamedLikeJavaLangTypes() throws Exception {
    Compiled scenario = Corpus.compile("PackageShadowsJavaLangNames");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    String runner = Sources.contents(scenario.compilation(), "corpus.PipelineRunner");
    assertThat(runner)
        .contains(
            "private static java.lang.Object invoke(int task, PipelineRun run)"
                + " throws java.lang.Exception {");
    assertThat(runner).contains("case 2 -> pipeline.twice(run.<java.lang.Integer>value(0));");
    Object results = scenario.run("corpus.PipelineRunner", "corpus.Pipeline");
    assertThat(call(results, "twice")).isEqualTo("x6");
    assertThat(call(results, "boxed")).isEqualTo(4);
    assertThat(results.getClass().getMethod("local").getReturnType().getName())
        .isEqualTo("corpus.Integer");
  }

  /** In the unnamed package there is no qualified name to fall back on: a clear error instead. */
  @Test
  @Scenario("DefaultPackagePipelineNamedResults")
  void unnamedPackagePipelineNamedResults(@TempDir Path output) {
    Compiled scenario = Corpus.compile("DefaultPackagePipelineNamedResults");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "the generated ResultsRunner cannot refer to Results, which is in the unnamed package:"
                + " inside ResultsRunner the name Results means its own nested class"
                + " ResultsRunner.Results; move Results into a package or rename it")
        .inFile(scenario.file("Results.java"))
        .onLineContaining("class Results {");
    assertThat(scenario.generatedSources(output)).isEmpty();
  }

  @Test
  @Scenario("DefaultPackageResultNamedExecution")
  void unnamedPackageResultTypeNamedExecution() {
    Compiled scenario = Corpus.compile("DefaultPackageResultNamedExecution");
    assertThat(scenario.compilation()).hadErrorCount(1);
    assertThat(scenario.compilation())
        .hadErrorContaining(
            "the generated PipelineRunner cannot refer to Execution, which is in the unnamed"
                + " package: inside PipelineRunner the name Execution means its own nested class"
                + " PipelineRunner.Execution; move Execution into a package or rename it")
        .inFile(scenario.file("Pipeline.java"))
        .onLineContaining("List<Execution> executions(");
  }

  /** The runtime's TaskGraph can be qualified, so the runner does not import it. */
  @Test
  @Scenario("DefaultPackagePipelineNamedTaskGraph")
  void unnamedPackagePipelineNamedTaskGraph() {
    Compiled scenario = Corpus.compile("DefaultPackagePipelineNamedTaskGraph");
    assertThat(scenario.compilation()).succeededWithoutWarnings();
    assertThat(Sources.contents(scenario.compilation(), "TaskGraphRunner"))
        .contains("public static final dev.taskwire.runtime.TaskGraph GRAPH");
    Object results = scenario.run("TaskGraphRunner", "TaskGraph");
    assertThat(call(results, "count")).isEqualTo(4);
  }
}
