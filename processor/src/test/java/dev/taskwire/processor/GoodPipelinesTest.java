package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.taskwire.processor.Sources.compileCleanly;
import static dev.taskwire.processor.Sources.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Well-formed pipelines: each compiles without an error or a warning (every lint on), and so does
 * the runner generated for it. {@link GeneratedRunnerBehaviourTest} runs some of them.
 */
class GoodPipelinesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "InstanceAndStaticTasks, test.InstanceAndStaticTasksRunner",
    "VoidTasks, test.VoidTasksRunner",
    "AsyncTasks, test.AsyncTasksRunner",
    "GenericResults, test.GenericResultsRunner",
    "Primitives, test.PrimitivesRunner",
    "RecordPipeline, test.RecordPipelineRunner",
    "EnumPipeline, test.EnumPipelineRunner",
    "RunnerMemberNames, test.RunnerMemberNamesRunner",
    "SameUpstreamTwice, test.SameUpstreamTwiceRunner",
  })
  void compilesWithItsRunner(String pipeline, String runner) {
    compileCleanly(source("good/" + pipeline + ".java"), runner);
  }

  @Test
  void staticTasksAreCalledOnTheClassAndInstanceTasksOnThePipeline() {
    String runner =
        compileCleanly(
            source("good/InstanceAndStaticTasks.java"), "test.InstanceAndStaticTasksRunner");
    assertThat(runner).contains("case 0 -> InstanceAndStaticTasks.name();");
    assertThat(runner).contains("case 1 -> pipeline.greet(run.<String>value(0));");
  }

  @Test
  void asyncTasksReceiveTheFuturesResultType() {
    String runner = compileCleanly(source("good/AsyncTasks.java"), "test.AsyncTasksRunner");
    assertThat(runner).contains(".task(\"download\", TaskKind.ASYNC)");
    assertThat(runner).contains("public byte[] download()");
    assertThat(runner).contains("public List<String> lines()");
    assertThat(runner).contains("public CompletableFuture<Void> flush()");
    // The arguments may be wrapped over several lines.
    assertThat(runner.replaceAll("\\s+", " "))
        .contains(
            "pipeline.summary(run.<String>value(0),"
                + " PrimitiveArguments.intValue(run, 1, \"summary\", \"count\"),"
                + " run.<byte[]>value(2), run.<List<String>>value(3))");
  }

  @Test
  void invokeDeclaresNoExceptionWhenTasksThrowOnlyUncheckedOnes() {
    String runner = compileCleanly(source("good/ThrowsNothing.java"), "test.ThrowsNothingRunner");
    assertThat(runner).contains("private static Object invoke(int task, PipelineRun run) {");
  }

  @Test
  void invokeDeclaresExceptionWhenATaskThrowsACheckedException() {
    String runner =
        compileCleanly(source("good/ThrowsException.java"), "test.ThrowsExceptionRunner");
    assertThat(runner)
        .contains("private static Object invoke(int task, PipelineRun run) throws Exception {");
  }

  @Test
  void invokeDeclaresThrowableWhenATaskThrowsThrowable() {
    String runner =
        compileCleanly(source("good/ThrowsThrowable.java"), "test.ThrowsThrowableRunner");
    assertThat(runner)
        .contains("private static Object invoke(int task, PipelineRun run) throws Throwable {");
  }

  @Test
  void pipelineInTheDefaultPackageGetsARunnerInTheDefaultPackage() {
    String runner =
        compileCleanly(source("good/DefaultPackagePipeline.java"), "DefaultPackagePipelineRunner");
    assertThat(runner).doesNotContainMatch("(?m)^package ");
    assertThat(runner).contains("GraphTable.builder(\"DefaultPackagePipeline\")");
  }

  @Test
  void staticNestedPipelineGetsARunnerNamedAfterItsEnclosingClasses() {
    String runner = compileCleanly(source("good/Outer.java"), "test.Outer_FooRunner");
    assertThat(runner).contains("public Outer_FooRunner(Outer.Foo pipeline)");
    assertThat(runner).contains("GraphTable.builder(\"test.Outer.Foo\")");
  }
}
