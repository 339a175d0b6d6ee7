package dev.taskwire.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.taskwire.processor.Sources.compile;
import static dev.taskwire.processor.Sources.contents;
import static dev.taskwire.processor.Sources.source;

import com.google.testing.compile.Compilation;
import dev.taskwire.runtime.remote.RemoteTasks;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the processor derives about the classes a result or a dispatched call may hold: the graph's
 * {@code .returning}, the remote tasks' {@code callClasses}, and a warning on each field or
 * parameter of a dispatched task whose classes cannot be known at compile time.
 */
class SerialTypesTest {
  private static final String WHY =
      ", so a JVM reading a dispatched call or result back cannot know its classes in advance: ";
  private static final String FIX =
      "; it refuses every class not listed, so name the ones it may hold with"
          + " @Distributed(allow = {...}) on the task or its class";

  private final JavaFileObject openTypes = source("warn/OpenTypes.java");
  private final Compilation compilation = compile(openTypes);

  @Test
  void aFieldOfAnInterfaceTypeIsWarnedAboutOnTheField() {
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "field shapes of test.OpenTypes.Drawing has type java.util.List<test.OpenTypes.Shape>"
                + WHY
                + "test.OpenTypes.Shape is an interface, so it may be any class that implements it"
                + FIX
                + " (or make Shape sealed)")
        .inFile(openTypes)
        .onLineContaining("final List<Shape> shapes");
  }

  @Test
  void anArgumentOfAnInterfaceTypeIsWarnedAboutOnTheParameter() {
    assertThat(compilation)
        .hadWarningContaining(
            "parameter anything of @Distributed task describe has type java.io.Serializable"
                + WHY
                + "java.io.Serializable is an interface, so it may be any class that implements it"
                + FIX)
        .inFile(openTypes)
        .onLineContaining("@DependsOn Serializable anything");
  }

  @Test
  void sealedTransientAndAllowedTypesAreNotWarnedAbout() {
    // Only the two above: Tool is sealed, cache transient, drawCircles allows Circle, and the
    // result of anything() is not dispatched.
    assertThat(compilation).hadWarningCount(2);
  }

  @Test
  void theGraphDeclaresWhatEachResultMayHold() {
    String runner = contents(compilation, "test.OpenTypesRunner");
    assertThat(runner)
        .contains(
            ".task(\"draw\", TaskKind.VALUE).returning(OpenTypes.Drawing.class,"
                + " \"test.OpenTypes$Hammer\")");
    assertThat(runner)
        .contains(
            ".task(\"drawCircles\", TaskKind.VALUE).returning(OpenTypes.Drawing.class,"
                + " \"test.OpenTypes$Circle\", \"test.OpenTypes$Hammer\")");
    assertThat(runner)
        .contains(".task(\"anything\", TaskKind.VALUE).returning(Serializable.class)");
  }

  @Test
  void theRemoteTasksListWhatEachCallMayCarry() throws Exception {
    CompiledClasses classes = new CompiledClasses(compilation);
    RemoteTasks remote = (RemoteTasks) classes.construct("test.OpenTypesRemoteTasks");
    assertThat(remote.callClasses("draw")).isEmpty();
    assertThat(remote.callClasses("drawCircles")).containsExactly("test.OpenTypes$Circle");
    assertThat(remote.callClasses("describe")).isEmpty();
  }

  @Test
  void anInstanceTaskCarriesThePipelineAndAnOutcomeItsExceptions() throws Exception {
    Compilation distributed = compile(source("good/DistributedPipeline.java"));
    CompiledClasses classes = new CompiledClasses(distributed);
    RemoteTasks remote = (RemoteTasks) classes.construct("test.DistributedPipelineRemoteTasks");
    assertThat(remote.callClasses("numbers")).isEmpty();
    assertThat(remote.callClasses("sum")).containsExactly("test.DistributedPipeline");
    assertThat(remote.callClasses("safe"))
        .isEqualTo(
            Set.of(
                "test.DistributedPipeline", "dev.taskwire.runtime.Outcome", "java.lang.Throwable"));
    assertThat(contents(distributed, "test.DistributedPipelineRemoteTasks"))
        .contains(
            "case \"sum\", \"label\", \"log\", \"each\" -> Set.of(\"test.DistributedPipeline\");");
  }
}
