package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.contents;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import dev.taskwire.runtime.TaskGraph;
import dev.taskwire.runtime.remote.RemoteTasks;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * What the processor generates for a {@code @Distributed} pipeline: the runner marks and dispatches
 * the right tasks, {@code FooRemoteTasks} calls them by name, and the service file lists it.
 */
class DistributedCodeTest {
  private final Compilation compilation = compile(source("good/DistributedPipeline.java"));

  @Test
  void compilesWithoutWarningsAndListsTheRemoteTasks() throws Exception {
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT,
            "",
            "META-INF/services/dev.taskwire.runtime.remote.RemoteTasks")
        .contentsAsUtf8String()
        .isEqualTo("test.DistributedPipelineRemoteTasks\n");
  }

  @Test
  void theGraphMarksSyncTasksOfTheClassButNotAsyncOrOptedOutOnes() throws Exception {
    CompiledClasses classes = new CompiledClasses(compilation);
    TaskGraph graph =
        (TaskGraph) classes.loadClass("test.DistributedPipelineRunner").getField("GRAPH").get(null);
    List<String> dispatched =
        graph.taskNames().stream().filter(name -> graph.isDispatched(graph.indexOf(name))).toList();
    assertThat(dispatched)
        .containsExactly("numbers", "sum", "label", "log", "safe", "each")
        .inOrder();
    RemoteTasks remote = (RemoteTasks) classes.construct("test.DistributedPipelineRemoteTasks");
    assertThat(remote.fingerprint()).isEqualTo(graph.fingerprint());
    assertThat(remote.fingerprint()).matches("[0-9a-f]{16}");
    assertThat(remote.pipeline()).isEqualTo("test.DistributedPipeline");
  }

  @Test
  void remoteTasksCallEachDispatchedTaskByNameWithTheRunnersConversions() throws Throwable {
    CompiledClasses classes = new CompiledClasses(compilation);
    RemoteTasks remote = (RemoteTasks) classes.construct("test.DistributedPipelineRemoteTasks");
    Object pipeline = classes.construct("test.DistributedPipeline");
    assertThat((int[]) remote.call(null, "numbers", new Object[0]))
        .asList()
        .containsExactly(1, 2, 3);
    assertThat(remote.call(pipeline, "sum", new Object[] {new int[] {4, 5}})).isEqualTo(9L);
    assertThat(remote.call(pipeline, "label", new Object[] {9L, "n"})).isEqualTo(List.of("n9"));
    assertThat(remote.call(pipeline, "log", new Object[] {List.of()})).isNull();
    assertThat(
            remote.call(pipeline, "safe", new Object[] {dev.taskwire.runtime.Outcome.success("y")}))
        .isEqualTo("y");
    // A fan-out's element arrives as the element, not the whole upstream result.
    assertThat(remote.call(pipeline, "each", new Object[] {2, "x"})).isEqualTo("x2");
    IllegalArgumentException local =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> remote.call(pipeline, "report", new Object[1]));
    assertThat(local)
        .hasMessageThat()
        .isEqualTo("no @Distributed task 'report' in test.DistributedPipeline");
  }

  @Test
  void theRunnerDispatchesOnlyWhenTheRunHasADispatcher() {
    String runner = contents(compilation, "test.DistributedPipelineRunner");
    assertThat(runner)
        .contains(
            "case 1 -> run.isDispatching()\n"
                + "          ? run.dispatch(1, pipeline, new Object[] {run.<int[]>value(0)})\n"
                + "          : pipeline.sum(run.<int[]>value(0));");
    assertThat(runner).contains("case 2 -> pipeline.fetch();");
    assertThat(runner)
        .contains(
            "case 4 -> {\n"
                + "        if (run.isDispatching()) {\n"
                + "          yield run.dispatch(4, pipeline, new Object[] {run.<List<String>>value(3)});\n"
                + "        }\n");
  }
}
